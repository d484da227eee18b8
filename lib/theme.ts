export const THEME_COOKIE = "theme";
export type Theme = "dark" | "light";
/** Dark unless the visitor chose light. */
export const themeFrom = (value: string | undefined): Theme => (value === "light" ? "light" : "dark");
