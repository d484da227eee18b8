import { seriousViolations } from "./axe";
import sharp from "sharp";
import type { Page } from "@playwright/test";
import { createBot, expect, publishBot, signIn, test } from "./fixtures";
import { chooseLanguage } from "./pages";

// What a business's visitors see of it (the public page), and what the owner keeps while trying
// their bot (the playground across a reload, the sections on a phone, the send hint in Arabic).

const photo = () => sharp({ create: { width: 256, height: 256, channels: 3, background: "#0f766e" } }).webp().toBuffer();

/** What the platform's own chrome would show: its navbar, its account links, its dashboard menu. */
async function expectNoPlatformChrome(page: Page) {
  await expect(page.locator("nav.navbar")).toHaveCount(0);
  for (const name of ["Log in", "Register", "Dashboard", "Chatbots", "Log out", "Profile"]) await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);
}

test("the public page is the business's: its name, picture, colour and title icon; no navbar or login, owner signed in or not", async ({ page, user, browser }) => {
  const botId = await createBot(user.id, { name: "Corner Bakery", description: "Fresh bread every morning." });
  const publicId = await publishBot(botId, { icon: "shop", color: "teal" });

  // A visitor: the bot's header, no platform, a quiet line naming us, language and theme still theirs.
  const visitor = await (await browser.newContext({ colorScheme: "dark" })).newPage();
  await visitor.goto(`/b/${publicId}`);
  await expect(visitor.getByRole("heading", { level: 1, name: "Corner Bakery" })).toBeVisible();
  await expect(visitor).toHaveTitle("Corner Bakery");
  await expectNoPlatformChrome(visitor);
  const header = visitor.getByTestId("public-header");
  await expect(header.locator(".bot-avatar .bi-shop")).toBeVisible();
  await expect(header).toHaveCSS("border-top-color", "rgb(15, 118, 110)"); // teal
  const poweredBy = visitor.getByTestId("powered-by");
  await expect(poweredBy).toHaveText("Powered by ChatBot Factory");
  await expect(poweredBy.getByRole("link", { name: "ChatBot Factory" })).toHaveAttribute("href", "/");
  // The title icon is the bot's: its icon on its colour.
  const icon = visitor.locator('head link[rel="icon"]');
  await expect(icon).toHaveCount(1);
  const svg = await visitor.request.get((await icon.getAttribute("href"))!);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  expect(await svg.text()).toContain('fill="#0f766e"');
  expect(await seriousViolations(visitor)).toEqual([]);

  await visitor.getByTestId("theme-toggle").click();
  await expect(visitor.locator("html")).toHaveAttribute("data-bs-theme", "light");
  expect(await seriousViolations(visitor)).toEqual([]);
  await chooseLanguage(visitor, /Language/, "Deutsch");
  await expect(visitor.locator("html")).toHaveAttribute("lang", "de");
  await expect(visitor.getByTestId("powered-by")).toHaveText("Bereitgestellt mit ChatBot Factory");
  await expectNoPlatformChrome(visitor);

  // The owner, signed in, sees the page as their visitors do: no dashboard menu on it.
  await page.goto(`/b/${publicId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Corner Bakery" })).toBeVisible();
  await expectNoPlatformChrome(page);
  // …while their own pages keep the navbar.
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: "Chatbots", exact: true })).toBeVisible();

  // With a picture: the header and every reply's avatar show it, and so does the title icon.
  await publishBot(botId, { icon: "shop", color: "teal", picture: await photo() });
  await visitor.goto(`/b/${publicId}`);
  const picture = visitor.getByTestId("public-header").getByTestId("bot-avatar-image");
  await expect(picture).toHaveJSProperty("naturalWidth", 256);
  expect(await picture.getAttribute("src")).toMatch(new RegExp(`^/api/avatars/${publicId}\\?v=[0-9a-f]{16}$`));
  await expect(visitor.getByRole("region", { name: "Chat" }).getByTestId("bot-avatar-image").first()).toHaveJSProperty("naturalWidth", 256);
  const pictureIcon = await visitor.request.get((await visitor.locator('head link[rel="icon"]').getAttribute("href"))!);
  expect(await pictureIcon.text()).toContain("data:image/webp;base64,");
  await visitor.context().close();
});

test("the playground keeps its conversation across a reload, links it in history, and offers the last one later", async ({ page, user }) => {
  const botId = await createBot(user.id, { name: "Reload bot" });
  await page.goto(`/chatbots/${botId}`);
  const message = page.getByRole("textbox", { name: "Your message" });
  await expect(page.getByTestId("resume-last")).toHaveCount(0);
  await message.fill("First question");
  await message.press("Enter");
  await expect(page.getByTestId("chat-reply").last()).toHaveAttribute("aria-busy", "false");
  await expect(page).toHaveURL(/\?c=c[0-9a-f]{32}$/);

  await page.reload();
  await expect(page.getByTestId("chat-user")).toHaveText(["First question"]);
  await expect(page.getByTestId("chat-reply")).toHaveCount(1);
  // It goes on in the same conversation.
  await message.fill("Second question");
  await message.press("Enter");
  await expect(page.getByTestId("chat-reply").last()).toHaveAttribute("aria-busy", "false");
  await page.reload();
  await expect(page.getByTestId("chat-user")).toHaveText(["First question", "Second question"]);

  await page.getByRole("link", { name: "Open transcript" }).click();
  await expect(page).toHaveURL(new RegExp(`/chatbots/${botId}/conversations/c[0-9a-f]{32}$`));
  await expect(page.getByTestId("transcript")).toContainText("Second question");

  // Back through the tab (no ?c=): an empty playground offering the last conversation.
  await page.getByRole("link", { name: "Playground" }).click();
  await expect(page.getByTestId("chat-user")).toHaveCount(0);
  await page.getByTestId("resume-last").getByRole("link").click();
  await expect(page.getByTestId("chat-user")).toHaveText(["First question", "Second question"]);

  // New conversation leaves the URL, so a reload starts afresh.
  await page.getByRole("button", { name: "New conversation" }).click();
  await expect(page).not.toHaveURL(/\?c=/);
  await page.reload();
  await expect(page.getByTestId("chat-user")).toHaveCount(0);

  // Someone else's conversation id in the URL shows nothing of it.
  const other = await createBot(user.id, { name: "Other bot" });
  await page.goto(`/chatbots/${other}?c=cdoesnotexist`);
  await expect(page.getByTestId("chat-user")).toHaveCount(0);
});

test("Arabic: the send hint reads right to left with its keys whole; the placeholder holds no key names", async ({ page, user }) => {
  const botId = await createBot(user.id, { name: "Hint bot" });
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "ar", url: "http://127.0.0.1" }]);
  await page.goto(`/chatbots/${botId}`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const box = page.locator("textarea[name=message]");
  expect(await box.getAttribute("placeholder")).not.toMatch(/Enter|Shift/);
  const hint = page.locator("#chat-send-hint");
  await expect(hint).toHaveCSS("direction", "rtl");
  await expect(hint.locator("kbd")).toHaveText(["Enter", "Shift+Enter"]);
  for (const key of await hint.locator("kbd").all()) await expect(key).toHaveCSS("direction", "ltr");
  await expect(box).toHaveAttribute("aria-describedby", "chat-send-hint");
});

test.describe("on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  for (const locale of ["en", "ar"] as const) {
    test(`the bot's sections are one row that scrolls sideways, the current one in view (${locale})`, async ({ page, user, context }) => {
      const botId = await createBot(user.id, { name: "Phone bot" });
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: "http://127.0.0.1" }]);
      await page.goto(`/chatbots/${botId}/edit`);
      const tabs = page.getByTestId("bot-tabs").getByRole("link");
      await expect(tabs).toHaveCount(9);
      const tops = await tabs.evaluateAll((links) => links.map((l) => Math.round(l.getBoundingClientRect().top)));
      expect(new Set(tops).size, `tab rows: ${tops}`).toBe(1);
      // The row scrolls, the page does not, and the current tab (the last) is on screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      const current = page.getByTestId("bot-tabs").locator("[aria-current=page]");
      await expect(current).toBeInViewport({ ratio: 0.9 });
    });
  }
});

test("the public page has no login link for a signed-in owner on a phone either, and is axe-clean in Arabic", async ({ browser, user }) => {
  const botId = await createBot(user.id, { name: "مخبز الحي" });
  const publicId = await publishBot(botId);
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, locale: "ar", colorScheme: "light" });
  await signIn(context, user);
  const phone = await context.newPage();
  await phone.goto(`/b/${publicId}`);
  await expect(phone.getByRole("heading", { level: 1, name: "مخبز الحي" })).toBeVisible();
  await expectNoPlatformChrome(phone);
  await expect(phone.getByRole("button", { name: "Toggle navigation" })).toHaveCount(0);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(await seriousViolations(phone)).toEqual([]);
  await context.close();
});
