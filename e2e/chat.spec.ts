import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { sql } from "./db";
import { createBot, createUser, expect, signedInPage, test } from "./fixtures";
import { expectToast } from "./pages";

async function ask(page: Page, message: string) {
  // The previous reply must have finished: while one streams, Enter does not send (Stop shows).
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await page.getByRole("textbox", { name: "Your message" }).fill(message);
  await page.getByRole("textbox", { name: "Your message" }).press("Enter");
}
const replies = (page: Page) => page.getByTestId("chat-reply");

test("a bot answers from its Q&A, streams, stops, keeps its history and exports it; then it talks through an OpenAI-compatible provider", async ({ page, user }) => {
  const botId = await createBot(user.id, { name: "Bakery bot" });

  // Settings: welcome and fallback messages.
  await page.goto(`/chatbots/${botId}/edit`);
  await expect(page.getByLabel("Answers with")).toHaveValue("builtin");
  await expect(page.getByLabel("Answers with").locator("option")).toHaveText(["Built-in: answers from your knowledge", "OpenAI or compatible"]);
  await page.getByRole("textbox", { name: "Welcome message" }).fill("Hi! Ask me about our bakery.");
  await page.getByRole("textbox", { name: "Fallback message" }).fill("I only know about the bakery, sorry.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expectToast(page, "Changes saved.");

  // Q&A: add two entries, reorder, edit one.
  await page.getByRole("link", { name: "Knowledge", exact: true }).click();
  const add = async (question: string, answer: string) => {
    await page.getByRole("textbox", { name: "Question", exact: true }).fill(question);
    await page.getByRole("textbox", { name: "Answer", exact: true }).fill(answer);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expectToast(page, "Question added.");
  };
  await add("Do you deliver wedding cakes?", "Yes, within 20 km.");
  await add("What are your opening hours?", "We open at **7:00** every day but Sunday.");
  const list = page.getByTestId("knowledge-list").getByRole("listitem");
  await expect(list).toHaveCount(2);
  await page.getByRole("button", { name: "Move up: What are your opening hours?" }).click();
  await expect(list.first()).toContainText("What are your opening hours?");
  await page.getByRole("button", { name: "Edit: Do you deliver wedding cakes?" }).click();
  await list.nth(1).getByRole("textbox", { name: "Answer", exact: true }).fill("Yes, within 30 km.");
  await list.nth(1).getByRole("button", { name: "Save", exact: true }).click();
  await expectToast(page, "Question saved.");
  await expect(list.nth(1)).toContainText("Yes, within 30 km.");

  // CSV import: a preview first; one bad row means nothing can be imported, and the row is named.
  const csv = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.getByLabel("CSV file (question,answer)").setInputFiles(csv("bad.csv", 'question,answer\nIs there parking?,Yes\n"Only a question"\n'));
  await expect(page.getByTestId("csv-errors")).toContainText("Row 3 has 1 column");
  await expect(page.getByRole("button", { name: /^Import/ })).toBeDisabled();
  await expect(list).toHaveCount(2);
  await page.getByLabel("CSV file (question,answer)").setInputFiles(csv("good.csv", 'Is there parking?,"Yes, behind the shop."\nDo you bake gluten-free bread?,Every Friday.\n'));
  await page.getByRole("button", { name: "Import 2 questions" }).click();
  await expectToast(page, "2 questions imported.");
  await expect(list).toHaveCount(4);

  // Playground: the welcome message, a paraphrased question, then one it cannot answer.
  await page.getByRole("link", { name: "Playground" }).click();
  await expect(page.getByTestId("welcome")).toHaveText("Hi! Ask me about our bakery.");
  await ask(page, "when do you open?");
  await expect(replies(page).last()).toContainText("We open at 7:00 every day but Sunday.");
  await expect(replies(page).last().locator("strong")).toHaveText("7:00");
  await ask(page, "Can I park my car?");
  await expect(replies(page).last()).toContainText("Yes, behind the shop.");
  await ask(page, "What's the weather tomorrow?");
  await expect(replies(page).last()).toContainText("I only know about the bakery, sorry.");

  // A second conversation.
  await page.getByRole("button", { name: "New conversation" }).click();
  await expect(replies(page)).toHaveCount(0);
  await ask(page, "wedding cake delivery?");
  await expect(replies(page).last()).toContainText("Yes, within 30 km.");

  // History: both conversations, a transcript, and the export.
  await page.getByRole("link", { name: "Conversations" }).click();
  await expect(page.getByText("2 conversations")).toBeVisible();
  const conversations = page.getByTestId("conversation-list").getByRole("listitem");
  await expect(conversations.first()).toContainText("wedding cake delivery?");
  await expect(conversations.nth(1)).toContainText("when do you open?");
  await expect(conversations.nth(1)).toContainText("6 messages");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = readFileSync(await (await download).path(), "utf8");
  expect(file).toContain("conversation_id,source,started_at,message_at,role,content");
  expect(file).toContain("when do you open?");
  expect(file).toContain("I only know about the bakery, sorry.");
  await conversations.nth(1).getByRole("link").click();
  await expect(page.getByTestId("transcript")).toContainText("Can I park my car?");

  // The dashboard counts this week's messages.
  await page.goto("/dashboard");
  await expect(page.getByTestId(`weekly-${botId}`)).toHaveText("8 messages in 7 days");
  await expect(page.getByTestId("count-messages-week")).toHaveText("8");
  // Earlier days count while they are in the week (today and the six days before), not after.
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  await sql(`INSERT INTO "BotDailyUsage" ("chatbotId", day, messages, "visitorMessages") VALUES ($1, $2, 5, 3), ($3, $4, 40, 20)`, [botId, day(6), botId, day(7)]);
  await page.reload();
  await expect(page.getByTestId(`weekly-${botId}`)).toHaveText("13 messages in 7 days");
  await expect(page.getByTestId("count-messages-week")).toHaveText("13");

  // Switch to the OpenAI-compatible provider (a local fake server) and chat, then stop a reply.
  await page.goto(`/chatbots/${botId}/edit`);
  await page.getByLabel("Answers with").selectOption("openai");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Name the model this provider should use.")).toBeVisible();
  await page.getByLabel("Model", { exact: true }).fill("gpt-test");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expectToast(page, "Changes saved.");
  await ask(page, "Hello there");
  await expect(replies(page).last()).toContainText("Hello from the fake OpenAI-compatible model. It streams word by word.");
  await expect(replies(page).last().locator("strong")).toHaveText("fake");

  await ask(page, "[[slow]] tell me a long story");
  await expect(replies(page).last()).toContainText("word3");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(replies(page).last()).toContainText("Stopped.");
  await expect(replies(page).last()).not.toContainText("word40");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();

  // The stopped reply was kept as far as it got; then delete one conversation, then all.
  await page.getByRole("link", { name: "Conversations" }).click();
  await expect(page.getByText("3 conversations")).toBeVisible();
  await conversations.first().getByRole("link").click();
  await expect(page.getByTestId("transcript")).toContainText("word3");
  await page.getByRole("button", { name: "Delete conversation" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete conversation" }).click();
  await expectToast(page, "Conversation deleted.");
  await expect(page.getByText("2 conversations")).toBeVisible();
  await page.getByRole("button", { name: "Delete all" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete all" }).click();
  await expectToast(page, "All conversations deleted.");
  await expect(page.getByText("No conversations yet.")).toBeVisible();
});

test("a reply with a script, raw HTML and an image runs and loads nothing", async ({ page, user }) => {
  const remote: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("127.0.0.1:9")) remote.push(request.url());
  });
  const botId = await createBot(user.id, { name: "<img src=x onerror=alert(1)> bot" });
  await page.goto(`/chatbots/${botId}/edit`);
  await page.getByLabel("Answers with").selectOption("openai");
  await page.getByLabel("Model", { exact: true }).fill("gpt-test");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expectToast(page, "Changes saved.");

  await ask(page, "[[xss]] show me");
  const reply = replies(page).last();
  await expect(reply).toContainText("Look:");
  await expect(reply.getByRole("link", { name: "a link" })).toHaveAttribute("rel", "noopener noreferrer nofollow ugc");
  await expect(reply.getByRole("link", { name: "tracker" })).toHaveAttribute("href", "http://127.0.0.1:9/tracker.png");
  expect(await reply.locator("img, script").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  await page.goto(`/chatbots/${botId}/conversations`);
  await page.getByTestId("conversation-list").getByRole("link").first().click();
  await expect(page.getByTestId("transcript")).toContainText("Look:");
  expect(await page.getByTestId("transcript").locator("img, script").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  expect(remote).toEqual([]);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("<img src=x onerror=alert(1)> bot");
});

test("another user gets 404 on a bot's Q&A, conversations and chat", async ({ browser }) => {
  const ownerUser = await createUser("qaowner");
  const owner = await signedInPage(browser, ownerUser);
  const botId = await createBot(ownerUser.id, { name: "Private bot" });
  await owner.goto(`/chatbots/${botId}`);
  await ask(owner, "hello");
  await expect(replies(owner).last()).toContainText("Sorry, I don't have an answer to that yet.");
  await owner.goto(`/chatbots/${botId}/conversations`);
  await owner.getByTestId("conversation-list").getByRole("link").first().click();
  const transcript = new URL(owner.url()).pathname;

  const intruder = await signedInPage(browser, await createUser("qaintruder"));
  for (const path of [`/chatbots/${botId}/knowledge`, `/chatbots/${botId}/conversations`, transcript]) {
    expect((await intruder.goto(path))?.status(), path).toBe(404);
  }
  const chat = await intruder.request.post(`/api/chatbots/${botId}/chat`, { data: { message: "hi" } });
  expect(chat.status()).toBe(404);
  const exported = await intruder.request.get(`/api/chatbots/${botId}/conversations/export?format=json`);
  expect(exported.status()).toBe(404);
  const anonymous = await browser.newContext();
  expect((await anonymous.request.post(`${BASE_URL}/api/chatbots/${botId}/chat`, { data: { message: "hi" } })).status()).toBe(401);
  await anonymous.close();
});

test("a bot's daily quota, set by its owner, refuses the next message with the wait and keeps it in the thread", async ({ page, user }) => {
  const id = await createBot(user.id, { name: "Quota bot" });
  await page.goto(`/chatbots/${id}/edit`);
  await page.getByRole("spinbutton", { name: "Daily message quota" }).fill("0");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("This number is outside the allowed range.")).toBeVisible();
  await page.getByRole("spinbutton", { name: "Daily message quota" }).fill("2");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expectToast(page, "Changes saved.");
  await page.goto(`/chatbots/${id}`);
  await ask(page, "first question");
  await expect(replies(page)).toHaveCount(1);
  await ask(page, "second question");
  await expect(replies(page)).toHaveCount(2);
  await ask(page, "third question");
  await expect(page.getByText(/This bot has used its daily message quota\. It answers again in \d+ (hours?|minutes?)\./)).toBeVisible();
  await expect(page.getByText("third question")).toBeVisible();
  // The quota shows again on the form, and clearing it lifts the limit.
  await page.goto(`/chatbots/${id}/edit`);
  await expect(page.getByRole("spinbutton", { name: "Daily message quota" })).toHaveValue("2");
  await page.getByRole("spinbutton", { name: "Daily message quota" }).fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expectToast(page, "Changes saved.");
  await page.goto(`/chatbots/${id}`);
  await ask(page, "fourth question");
  await expect(replies(page)).toHaveCount(1);
});
