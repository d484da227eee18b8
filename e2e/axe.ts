import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * The serious and critical problems axe finds on the page, one line each. Only violations are
 * collected in full (axe's passes and incomplete lists cost time and are never read here).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Colours read mid-transition (a theme switch just clicked) are neither theme's: wait for the
  // running CSS transitions to end (not every animation: a spinner's never does).
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => undefined))));
  // axe's default mode opens a blank page to merge each frame's results, which costs twice the
  // CPU of the one-page ("legacy") mode; that mode only skips cross-origin frames, so it is used
  // whenever the page has none (the widget on a host page is the one that does).
  const origin = new URL(page.url()).origin;
  const crossOrigin = page.frames().some((frame) => frame !== page.mainFrame() && /^https?:/.test(frame.url()) && new URL(frame.url()).origin !== origin);
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(!crossOrigin).options({ resultTypes: ["violations"] }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
