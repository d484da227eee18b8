"use client";

import { LocaleMenu } from "@/components/LocaleMenu";
import { ThemeToggle } from "@/components/ThemeToggle";
import type { Locale } from "@/lib/i18n/locales";
import type { Theme } from "@/lib/theme";

/** The visitor's language and theme on a bot's public page, which has no navbar of ours. */
export function VisitorSettings({ locale, theme }: { locale: Locale; theme: Theme }) {
  return (
    <div className="nav flex-nowrap align-items-center flex-shrink-0">
      <LocaleMenu locale={locale} />
      <ThemeToggle initial={theme} iconOnly />
    </div>
  );
}
