"use client";

import { useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";

import { THEME_COOKIE, type Theme } from "@/lib/theme";

// The theme is the <html data-bs-theme> attribute: the server renders the saved one, and on a
// first visit a script in <head> may have followed the system's preference before hydration.
const current = (): Theme => (document.documentElement.getAttribute("data-bs-theme") === "light" ? "light" : "dark");
function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-bs-theme"] });
  return () => observer.disconnect();
}

/**
 * Switches the theme and saves the choice in a cookie, which wins over the system's preference from then on.
 * `iconOnly`: no written label on small screens either (outside the navbar's collapsed menu).
 */
export function ThemeToggle({ initial, iconOnly = false }: { initial: Theme; iconOnly?: boolean }) {
  const t = useTranslations("nav");
  const theme = useSyncExternalStore(subscribe, current, () => initial);
  const next = theme === "dark" ? "light" : "dark";

  function toggle() {
    document.documentElement.setAttribute("data-bs-theme", next);
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
  }

  return (
    <button type="button" className="btn btn-link nav-link px-lg-2" onClick={toggle} aria-label={t(next === "light" ? "theme_light" : "theme_dark")} data-testid="theme-toggle">
      <i className={`bi ${theme === "dark" ? "bi-sun" : "bi-moon-stars"}`} aria-hidden />
      {iconOnly ? null : <span className="d-lg-none ms-2">{t(next === "light" ? "theme_light" : "theme_dark")}</span>}
    </button>
  );
}
