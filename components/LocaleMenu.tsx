"use client";

import { useTranslations } from "next-intl";
import { setLocaleAction } from "@/app/actions";
import { LOCALES, LOCALE_NAMES, type Locale } from "@/lib/i18n/locales";
import { LanguageMenu } from "./LanguageMenu";

async function chooseLocale(next: Locale) {
  const result = await setLocaleAction(next);
  // Direction, stylesheet and every message change: load the page again in the new language.
  if (result.ok) window.location.reload();
}

/** The interface language menu, as the navbar and a bot's public page show it. */
export function LocaleMenu({ locale }: { locale: Locale }) {
  const t = useTranslations("nav");
  return (
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
  );
}
