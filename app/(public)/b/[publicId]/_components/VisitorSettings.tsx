"use client";

import { useTranslations } from "next-intl";
import { setLocaleAction } from "@/app/actions";
import { LanguageMenu } from "@/components/LanguageMenu";
import { ThemeToggle } from "@/components/ThemeToggle";
import { LOCALES, LOCALE_NAMES, type Locale } from "@/lib/i18n/locales";
import type { Theme } from "@/lib/theme";

/** The visitor's language and theme on a bot's public page, which has no navbar of ours. */
export function VisitorSettings({ locale, theme }: { locale: Locale; theme: Theme }) {
  const t = useTranslations("nav");

  async function chooseLocale(next: Locale) {
    const result = await setLocaleAction(next);
    // Direction, stylesheet and every message change: load the page again in the new language.
    if (result.ok) window.location.reload();
  }

  return (
    <div className="nav flex-nowrap align-items-center flex-shrink-0">
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
      <ThemeToggle initial={theme} iconOnly />
    </div>
  );
}
