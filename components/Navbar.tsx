"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { setLocaleAction } from "@/app/actions";
import { logoutAction } from "@/app/(auth)/actions";
import { LOCALES, LOCALE_NAMES, type Locale } from "@/lib/i18n/locales";
import type { Theme } from "@/lib/theme";
import { LanguageMenu } from "./LanguageMenu";
import { NavCollapse } from "./NavCollapse";
import { ThemeToggle } from "./ThemeToggle";

type Props = { signedIn: boolean; admin: boolean; locale: Locale; theme: Theme };

// Bootstrap's navbar markup with two small pieces of state (the phone menu, the language menu):
// a component library's navbar brought a positioning engine (Popper) to every page for them.
export function Navbar({ signedIn, admin, locale, theme }: Props) {
  const t = useTranslations("nav");
  // The widget's iframe is the chat alone, and a bot's public page is its business's: nothing of
  // the platform around them (the public page draws its own language and theme choice).
  const pathname = usePathname() ?? "";
  const embedded = pathname.startsWith("/embed/") || pathname.startsWith("/b/");

  async function chooseLocale(next: Locale) {
    const result = await setLocaleAction(next);
    // Direction, stylesheet and every message change: load the page again in the new language.
    if (result.ok) window.location.reload();
  }

  if (embedded) return null;
  return (
    <nav className="border-bottom bg-body-tertiary navbar navbar-expand-lg navbar-light">
      <div className="container">
        <Link className="navbar-brand" href={signedIn ? "/dashboard" : "/"}>
          <i className="bi bi-robot me-2" aria-hidden />
          ChatBot Factory
        </Link>
        <NavCollapse id="main-nav" toggleLabel={t("toggle_menu")}>
          <div className="me-auto navbar-nav">
            {signedIn && (
              <>
                <Link className="nav-link" href="/dashboard">
                  {t("dashboard")}
                </Link>
                <Link className="nav-link" href="/chatbots">
                  {t("chatbots")}
                </Link>
                <Link className="nav-link" href="/api-keys">
                  {t("api_keys")}
                </Link>
                <Link className="nav-link" href="/profile">
                  {t("profile")}
                </Link>
                {admin && (
                  <Link className="nav-link" href="/admin">
                    {t("admin")}
                  </Link>
                )}
              </>
            )}
          </div>
          <div className="align-items-lg-center gap-lg-2 navbar-nav">
            <LanguageMenu
              id="language-menu"
              label={
                <>
                  <i className="bi bi-translate me-1" aria-hidden />
                  {LOCALE_NAMES[locale]}
                  <span className="visually-hidden"> — {t("language")}</span>
                </>
              }
              items={LOCALES.map((l) => ({ key: l, lang: l, label: LOCALE_NAMES[l], current: l === locale }))}
              onChoose={(l) => chooseLocale(l as Locale)}
            />
            <ThemeToggle initial={theme} />
            {signedIn ? (
              <form action={logoutAction}>
                <button type="submit" className="btn btn-outline-secondary btn-sm my-2 my-lg-0">
                  <i className="bi bi-box-arrow-right me-1" aria-hidden />
                  {t("logout")}
                </button>
              </form>
            ) : (
              <>
                <Link className="nav-link" href="/login">
                  {t("login")}
                </Link>
                <Link href="/register" className="btn btn-primary btn-sm my-2 my-lg-0">
                  {t("register")}
                </Link>
              </>
            )}
          </div>
        </NavCollapse>
      </div>
    </nav>
  );
}
