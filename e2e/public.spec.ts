import { seriousViolations } from "./axe";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { sql } from "./db";
import { ChatbotFormPage, RegisterPage, expectToast, uniqueUser } from "./pages";

// The public page (/b/<publicId>): the owner switches it on; a logged-out visitor chats there.

async function ask(page: Page, message: string, { label = "Your message", send = "Send" } = {}) {
  await expect(page.getByRole("button", { name: send })).toBeVisible();
  await page.getByRole("textbox", { name: label }).fill(message);
  await page.getByRole("textbox", { name: label }).press("Enter");
}

/** An owner with a bot whose public page is on; returns the share link. */
async function ownerWithPublicPage(page: Page, name: string) {
  const owner = uniqueUser("pub");
  await new RegisterPage(page).register(owner);
  const botId = await new ChatbotFormPage(page).create({ name, description: "Fresh bread every morning.", systemPrompt: "OWNER-ONLY PROMPT" });
  // As if the bot had been made with this welcome: its draft and its published version 1 (visitors see the published one).
  await sql(`UPDATE "Chatbot" SET "welcomeMessage" = $1 WHERE id = $2`, ["Hello! Ask me about our bread.", botId]);
  await sql(`UPDATE "BotVersion" SET "welcomeMessage" = $1 WHERE "chatbotId" = $2`, ["Hello! Ask me about our bread.", botId]);
  await page.getByRole("link", { name: "Channels" }).click();
  await expect(page).toHaveURL(new RegExp(`/chatbots/${botId}/channels$`));
  // A new bot: every channel off, no link yet.
  for (const name of ["Public page on", "Widget on", "API keys may use this bot"]) await expect(page.getByLabel(name, { exact: true })).not.toBeChecked();
  await expect(page.locator("input[name=shareUrl]")).toHaveCount(0);
  await page.getByLabel("Public page on", { exact: true }).check();
  await page.getByRole("button", { name: "Save channels" }).click();
  await expectToast(page, "Channels saved.");
  const shareUrl = await page.locator("input[name=shareUrl]").inputValue();
  return { owner, botId, shareUrl };
}

async function visitorPage(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await browser.newContext({ colorScheme: "dark", ...options });
  return context.newPage();
}

test("the owner switches the public page on; a logged-out visitor chats on it; New link retires the old one", async ({ page, browser }) => {
  const { owner, botId, shareUrl } = await ownerWithPublicPage(page, "Bakery public bot");
  // The link uses the public id (128 random bits), never the database id.
  expect(shareUrl).toMatch(/\/b\/[A-Za-z0-9_-]{22}$/);
  expect(shareUrl).not.toContain(botId);

  const visitor = await visitorPage(browser);
  await visitor.goto(shareUrl);
  await expect(visitor.getByRole("heading", { level: 1, name: "Bakery public bot" })).toBeVisible();
  await expect(visitor.getByText("Fresh bread every morning.")).toBeVisible();
  await expect(visitor.getByTestId("ai-notice")).toHaveText("You are chatting with an AI bot. Its answers may be wrong.");
  await expect(visitor.getByTestId("welcome")).toHaveText("Hello! Ask me about our bread.");
  await ask(visitor, "Do you bake rye?");
  await expect(visitor.getByTestId("chat-reply").last()).toContainText("Sorry, I don't have an answer to that yet.");
  // The visitor is a random id in the browser's storage, not a cookie; nothing of the owner is on the page.
  const visitorId = await visitor.evaluate(() => localStorage.getItem("cbf-visitor"));
  expect(visitorId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect((await visitor.context().cookies()).map((c) => c.name)).not.toContain("cbf-visitor");
  const html = await visitor.content();
  for (const secret of [owner.email, owner.username, botId, "OWNER-ONLY PROMPT"]) expect(html).not.toContain(secret);
  await expect(visitor.getByRole("link", { name: /chatbots|dashboard/i })).toHaveCount(0);

  // A new conversation starts empty; a second visitor sees none of the first one's messages.
  await visitor.getByRole("button", { name: "New conversation" }).click();
  await expect(visitor.getByTestId("chat-user")).toHaveCount(0);
  const second = await visitorPage(browser);
  await second.goto(shareUrl);
  await expect(second.getByTestId("welcome")).toBeVisible();
  await expect(second.getByText("Do you bake rye?")).toHaveCount(0);
  expect(await second.evaluate(() => localStorage.getItem("cbf-visitor"))).not.toBe(visitorId);

  // The owner sees the conversation with its source.
  await page.goto(`/chatbots/${botId}/conversations`);
  await expect(page.getByText("Public page or widget").first()).toBeVisible();
  await expect(page.getByText("Do you bake rye?")).toBeVisible();
  const [stored] = await sql(`SELECT source, "visitorId" FROM "Conversation" WHERE "chatbotId" = $1`, [botId]);
  expect(stored).toEqual({ source: "public", visitorId });

  // New link: the old link is a 404 at once, the new one works.
  await page.goto(`/chatbots/${botId}/channels`);
  await page.getByRole("button", { name: "New link" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Replace link" }).click();
  await expectToast(page, "New link created. The old one no longer works.");
  await expect(page.locator("input[name=shareUrl]")).not.toHaveValue(shareUrl);
  const newUrl = await page.locator("input[name=shareUrl]").inputValue();
  expect((await visitor.goto(shareUrl))?.status()).toBe(404);
  expect((await visitor.goto(newUrl))?.status()).toBe(200);

  // Switched off, or the bot inactive: the page is gone.
  await sql(`UPDATE "Chatbot" SET "isActive" = $1 WHERE id = $2`, [false, botId]);
  expect((await visitor.goto(newUrl))?.status()).toBe(404);
  await sql(`UPDATE "Chatbot" SET "isActive" = $1 WHERE id = $2`, [true, botId]);
  await page.getByLabel("Public page on", { exact: true }).uncheck();
  await page.getByRole("button", { name: "Save channels" }).click();
  await expectToast(page, "Channels saved.");
  expect((await visitor.goto(newUrl))?.status()).toBe(404);
  await visitor.context().close();
  await second.context().close();
});

test("the public page is axe-clean in both themes and in Arabic, and fits a 375 px phone; so is the Channels tab", async ({ page, browser }) => {
  const { shareUrl } = await ownerWithPublicPage(page, "Axe public bot");
  await page.emulateMedia({ reducedMotion: "reduce" });
  for (const theme of ["dark", "light"] as const) {
    await page.context().addCookies([{ name: "theme", value: theme, url: page.url() }]);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-bs-theme", theme);
    await page.getByRole("textbox", { name: "Greeting" }).fill("Hello there!");
    expect(await seriousViolations(page), `Channels tab (${theme})`).toEqual([]);
  }
  for (const colorScheme of ["dark", "light"] as const) {
    const visitor = await visitorPage(browser, { colorScheme });
    await visitor.emulateMedia({ reducedMotion: "reduce" });
    await visitor.goto(shareUrl);
    await expect(visitor.locator("html")).toHaveAttribute("data-bs-theme", colorScheme);
    await ask(visitor, "hello");
    await expect(visitor.getByTestId("chat-reply").last()).not.toHaveAttribute("aria-busy", "true");
    expect(await seriousViolations(visitor), colorScheme).toEqual([]);
    await visitor.context().close();
  }

  // Arabic, from the browser's language (a visitor has no language cookie): right to left, translated.
  const arabic = await visitorPage(browser, { locale: "ar", viewport: { width: 375, height: 740 } });
  await arabic.goto(shareUrl);
  await expect(arabic.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(arabic.getByTestId("ai-notice")).toHaveText("أنت تتحدث مع روبوت ذكاء اصطناعي. قد تكون إجاباته خاطئة.");
  await ask(arabic, "مرحبا", { label: "رسالتك", send: "إرسال" });
  await expect(arabic.getByTestId("chat-reply").last()).not.toHaveAttribute("aria-busy", "true");
  expect(await seriousViolations(arabic), "ar").toEqual([]);
  const width = await arabic.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await arabic.context().close();
});

test("a new bot starts with a daily quota, and when it turns visitors away the owner is told on the dashboard and the bot's pages", async ({ page }) => {
  const owner = uniqueUser("quota");
  await new RegisterPage(page).register(owner);
  await page.goto("/chatbots/new");
  await expect(page.getByLabel("Daily message quota")).toHaveValue("500");
  const botId = await new ChatbotFormPage(page).create({ name: "Corner bakery" });
  await sql(`UPDATE "Chatbot" SET "dailyMessageQuota" = 1, "publicPageEnabled" = $1 WHERE id = $2`, [true, botId]);
  const [{ publicId }] = (await sql(`SELECT "publicId" FROM "Chatbot" WHERE id = $1`, [botId])) as { publicId: string }[];

  // Nothing refused yet: no notice.
  await page.goto("/dashboard");
  await expect(page.getByTestId(`refusals-${botId}`)).toHaveCount(0);
  const visit = () => page.request.post(`/api/public/${publicId}/chat`, { data: { message: "Open on Sunday?", visitorId: crypto.randomUUID().replaceAll("-", ""), channel: "page" } });
  expect((await visit()).status()).toBe(200);
  const refused = await visit();
  expect(refused.status()).toBe(429);
  expect((await refused.json()).code).toBe("quota_exceeded");

  await page.goto("/dashboard");
  const notice = page.getByTestId(`refusals-${botId}`);
  await expect(notice).toContainText("1 visitor message was turned away today: the daily quota of 1 messages is reached.");
  await notice.getByRole("link", { name: "Raise or remove the quota" }).click();
  await expect(page).toHaveURL(new RegExp(`/chatbots/${botId}/edit$`));
  await expect(page.getByTestId(`refusals-${botId}`)).toBeVisible();
});
