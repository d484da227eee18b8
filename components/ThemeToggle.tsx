"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";

import { THEME_COOKIE, type Theme } from "@/lib/theme";

/** The server renders the saved theme into <html>, so there is no flash; this only switches it. */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const t = useTranslations("nav");
  const [theme, setTheme] = useState(initial);
  const next = theme === "dark" ? "light" : "dark";

  function toggle() {
    document.documentElement.setAttribute("data-bs-theme", next);
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    setTheme(next);
  }

  return (
    <button type="button" className="btn btn-link nav-link px-lg-2" onClick={toggle} aria-label={t(next === "light" ? "theme_light" : "theme_dark")} data-testid="theme-toggle">
      <i className={`bi ${theme === "dark" ? "bi-sun" : "bi-moon-stars"}`} aria-hidden />
      <span className="d-lg-none ms-2">{t(next === "light" ? "theme_light" : "theme_dark")}</span>
    </button>
  );
}
