"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import Container from "react-bootstrap/Container";
import Nav from "react-bootstrap/Nav";
import BsNavbar from "react-bootstrap/Navbar";
import NavDropdown from "react-bootstrap/NavDropdown";
import { setLocaleAction } from "@/app/actions";
import { logoutAction } from "@/app/(auth)/actions";
import { LOCALES, LOCALE_NAMES, type Locale } from "@/lib/i18n/locales";
import type { Theme } from "@/lib/theme";
import { ThemeToggle } from "./ThemeToggle";

type Props = { signedIn: boolean; admin: boolean; locale: Locale; theme: Theme };

// react-bootstrap's navbar: the phone menu collapses (and closes when a link is followed), the language menu is its dropdown.
export function Navbar({ signedIn, admin, locale, theme }: Props) {
  const t = useTranslations("nav");
  // The widget's iframe is the chat alone: nothing of the app around it.
  const embedded = usePathname()?.startsWith("/embed/");

  async function chooseLocale(next: Locale) {
    const result = await setLocaleAction(next);
    // Direction, stylesheet and every message change: load the page again in the new language.
    if (result.ok) window.location.reload();
  }

  if (embedded) return null;
  return (
    <BsNavbar expand="lg" className="border-bottom bg-body-tertiary" collapseOnSelect>
      <Container>
        <BsNavbar.Brand as={Link} href={signedIn ? "/dashboard" : "/"}>
          <i className="bi bi-robot me-2" aria-hidden />
          ChatBot Factory
        </BsNavbar.Brand>
        <BsNavbar.Toggle aria-controls="main-nav" aria-label={t("toggle_menu")} />
        <BsNavbar.Collapse id="main-nav">
          <Nav className="me-auto">
            {signedIn && (
              <>
                <Nav.Link as={Link} href="/dashboard">
                  {t("dashboard")}
                </Nav.Link>
                <Nav.Link as={Link} href="/chatbots">
                  {t("chatbots")}
                </Nav.Link>
                <Nav.Link as={Link} href="/api-keys">
                  {t("api_keys")}
                </Nav.Link>
                <Nav.Link as={Link} href="/profile">
                  {t("profile")}
                </Nav.Link>
                {admin && (
                  <Nav.Link as={Link} href="/admin">
                    {t("admin")}
                  </Nav.Link>
                )}
              </>
            )}
          </Nav>
          <Nav className="align-items-lg-center gap-lg-2">
            {/* react-bootstrap's dropdown: arrows move between the languages, Escape closes it and gives focus back. */}
            <NavDropdown
              id="language-menu"
              align="end"
              title={
                <>
                  <i className="bi bi-translate me-1" aria-hidden />
                  {LOCALE_NAMES[locale]}
                  <span className="visually-hidden"> — {t("language")}</span>
                </>
              }
            >
              {LOCALES.map((l) => (
                <NavDropdown.Item key={l} as="button" lang={l} active={l === locale} aria-current={l === locale ? "true" : undefined} onClick={() => chooseLocale(l)}>
                  {LOCALE_NAMES[l]}
                </NavDropdown.Item>
              ))}
            </NavDropdown>
            <ThemeToggle initial={theme} />
            {signedIn ? (
              <form action={logoutAction}>
                <Button type="submit" variant="outline-secondary" size="sm" className="my-2 my-lg-0">
                  <i className="bi bi-box-arrow-right me-1" aria-hidden />
                  {t("logout")}
                </Button>
              </form>
            ) : (
              <>
                <Nav.Link as={Link} href="/login">
                  {t("login")}
                </Nav.Link>
                <Link href="/register" className="btn btn-primary btn-sm my-2 my-lg-0">
                  {t("register")}
                </Link>
              </>
            )}
          </Nav>
        </BsNavbar.Collapse>
      </Container>
    </BsNavbar>
  );
}
