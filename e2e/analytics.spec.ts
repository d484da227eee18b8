import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { createBot, expect, publishBot, test } from "./fixtures";

// Analytics: what visitors and the owner did shows up on the bot's analytics page and the
// dashboard, drawn by Chart.js under the app's nonce CSP (no violation), with a table of the same
// figures, in the viewer's time zone, readable in both themes and in Arabic on a phone.

/** Records every CSP violation the page reports, from before its first script. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const messages: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) messages.push(m.text());
  });
  return async () => [...messages, ...((await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations)) ?? [])];
}

async function ask(page: Page, message: string) {
  const box = page.getByRole("textbox", { name: "Your message" });
  await box.fill(message);
  await box.press("Enter");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  return page.getByTestId("chat-reply").last();
}

test.use({ timezoneId: "Pacific/Kiritimati" });

test("a visitor's and the owner's conversations show on the bot's analytics and the dashboard, charted with no CSP violation", async ({ page, browser, user }) => {
  const botId = await createBot(user.id, { name: "Counting bakery" });
  const publicId = await publishBot(botId);

  const visitor = await (await browser.newContext({ timezoneId: "Pacific/Kiritimati" })).newPage();
  await visitor.goto(`/b/${publicId}`);
  const first = await ask(visitor, "Do you bake sourdough?");
  await first.getByRole("button", { name: "Good reply" }).click();
  await expect(first.getByRole("status")).toHaveText("Thanks for your feedback.");
  await ask(visitor, "Do you bake sourdough?");
  await visitor.context().close();

  await page.goto(`/chatbots/${botId}`);
  await ask(page, "hello from the owner");

  const violations = await watchCsp(page);
  await page.getByTestId("bot-tabs").getByRole("link", { name: "Analytics" }).click();
  await expect(page).toHaveURL(new RegExp(`/chatbots/${botId}/analytics`));
  // Days are the viewer's: the browser's zone, reported by its cookie.
  await expect(page.getByText("Days in your time zone (Pacific/Kiritimati)")).toBeVisible();
  await expect(page.getByTestId("figure-conversations")).toHaveText("2");
  await expect(page.getByTestId("figure-messages")).toHaveText("6");
  await expect(page.getByTestId("figure-visitors")).toHaveText("1");
  await expect(page.getByTestId("figure-answered")).toHaveText("0%"); // a bot with no Q&A falls back every time
  await expect(page.getByTestId("figure-ratings")).toHaveText(/Thumbs up:\s*1.*Thumbs down:\s*0/);
  await expect(page.getByTestId("top-questions").getByRole("listitem")).toHaveText(["Do you bake sourdough? · asked 2 times"]);

  // The chart is drawn (a canvas with a size) and its figures are in a table.
  const canvas = page.getByTestId("chart-daily").locator("canvas");
  await expect.poll(async () => (await canvas.boundingBox())?.height ?? 0).toBeGreaterThan(100);
  await page.getByTestId("table-daily").locator("xpath=ancestor::details").locator("summary").click();
  const today = page.getByTestId("table-daily").locator("tbody tr").last();
  await expect(today.locator("td")).toHaveText(["2", "6", "0", "3"]);
  await expect(page.getByTestId("table-daily").locator("tbody tr")).toHaveCount(7);
  const channels = page.getByTestId("table-channels").locator("tbody tr");
  await expect(channels).toHaveCount(4);
  await expect(channels.filter({ hasText: "Public page" }).locator("td")).toHaveText(["1", "4"]);
  await expect(channels.filter({ hasText: "Playground" }).locator("td")).toHaveText(["1", "2"]);

  expect(await seriousViolations(page)).toEqual([]);
  // The other theme: the chart redraws in its colours, still with no violation.
  await page.getByTestId("theme-toggle").click();
  await expect(page.locator("html")).toHaveAttribute("data-bs-theme", "light");
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole("link", { name: "Last 30 days" }).click();
  await expect(page).toHaveURL(/days=30/);
  await expect(page.getByTestId("table-daily").locator("tbody tr")).toHaveCount(30);
  expect(await violations()).toEqual([]);

  await page.goto("/dashboard");
  const overview = page.getByTestId("dashboard-overview");
  await expect(overview.getByTestId("figure-conversations")).toHaveText("2");
  await expect(overview.getByTestId("chart-daily").locator("canvas")).toBeVisible();
  expect(await violations()).toEqual([]);
});

test.describe("on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("the analytics page fits, in Arabic too, and is axe-clean", async ({ page, context, user }) => {
    const botId = await createBot(user.id, { name: "Phone figures" });
    await page.goto(`/chatbots/${botId}`);
    await ask(page, "A question to count");
    for (const locale of ["en", "ar"]) {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: "http://127.0.0.1" }]);
      await page.goto(`/chatbots/${botId}/analytics`);
      await expect(page.getByTestId("figure-conversations")).toHaveText(/^(1|١)$/);
      await expect(page.getByTestId("chart-daily").locator("canvas")).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), locale).toBeLessThanOrEqual(375);
      expect(await seriousViolations(page), locale).toEqual([]);
    }
  });
});
