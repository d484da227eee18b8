export const THEME_COOKIE = "theme";
export type Theme = "dark" | "light";
/** Dark unless the visitor chose light. */
export const themeFrom = (value: string | undefined): Theme => (value === "light" ? "light" : "dark");

/**
 * Runs in <head> before first paint on a visit with no theme cookie: the system's light
 * preference switches the page from the server's dark default (no preference: dark stays).
 * An inline nonce'd script rather than the Sec-CH-Prefers-Color-Scheme client hint: the hint
 * exists only in Chromium and needs a second request (Critical-CH) on the first visit.
 */
export const FIRST_VISIT_THEME_SCRIPT = `if(matchMedia("(prefers-color-scheme: light)").matches)document.documentElement.setAttribute("data-bs-theme","light")`;
