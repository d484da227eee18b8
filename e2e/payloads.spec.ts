import type { Page } from "@playwright/test";
import { expect, firstAdmin, test } from "./fixtures";
import { ChatbotFormPage, expectToast } from "./pages";

// SECURITY.md #30: markup typed into any field shows as text on every page that shows it.
// The payload would leave a [data-pwned] element in the page, or set window.__pwned, if it were
// ever parsed as HTML — whether or not the CSP would then have stopped it from running.
const payload = (field: string) => `<img src=x data-pwned onerror="window.__pwned=1"><script>window.__pwned=1</script>${field}`;

/** Nothing of the payload was parsed as HTML on the page as it stands, nor ran there. */
async function expectNothingParsed(page: Page, where: string) {
  expect(await page.locator("[data-pwned]").count(), where).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), where).toBeUndefined();
}

async function expectInert(page: Page, path: string, shown: string[]) {
  await page.goto(path);
  for (const text of shown) await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
  await expectNothingParsed(page, path);
}

test("script and HTML typed into every bot, Q&A and profile field show as text on every page and run nowhere", async ({ page, browser, user }) => {
  const dialogs: string[] = [];
  const watchDialogs = (p: Page) =>
    p.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  watchDialogs(page);

  await page.goto("/profile");
  await page.getByRole("textbox", { name: "First name", exact: true }).fill(payload("F"));
  await page.getByRole("textbox", { name: "Last name", exact: true }).fill(payload("L"));
  await page.getByRole("button", { name: "Save profile" }).click();
  await expectToast(page, "Profile saved.");
  await page.reload();
  await expect(page.getByRole("textbox", { name: "First name", exact: true })).toHaveValue(payload("F"));
  await expect(page.getByRole("textbox", { name: "Last name", exact: true })).toHaveValue(payload("L"));
  await expectNothingParsed(page, "/profile");

  const name = payload("Name");
  const botId = await new ChatbotFormPage(page).create({ name, description: payload("Description"), systemPrompt: payload("Prompt") });
  await page.goto(`/chatbots/${botId}/edit`);
  await page.getByRole("textbox", { name: "Welcome message" }).fill(payload("Welcome"));
  await page.getByRole("textbox", { name: "Fallback message" }).fill(payload("Fallback"));
  await page.getByRole("button", { name: "Save changes" }).click();
  await expectToast(page, "Changes saved.");
  // Saving goes on to the bot's page; the form, opened again, shows what was stored.
  await expect(page).toHaveURL(new RegExp(`/chatbots/${botId}$`));
  await page.goto(`/chatbots/${botId}/edit`);
  await expect(page.getByRole("textbox", { name: "Instructions", exact: true })).toHaveValue(payload("Prompt"));

  await page.goto(`/chatbots/${botId}/knowledge`);
  await page.getByRole("textbox", { name: "Question", exact: true }).fill(`${payload("Question")} opening hours`);
  await page.getByRole("textbox", { name: "Answer", exact: true }).fill(payload("Answer"));
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expectToast(page, "Question added.");

  // The playground: the welcome message, a reply from the Q&A, and the fallback.
  // Bot messages are markdown with raw HTML dropped; what the visitor typed shows as typed.
  await expectInert(page, `/chatbots/${botId}`, [name]);
  await expect(page.getByTestId("welcome")).toContainText("Welcome");
  const say = async (message: string) => {
    await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
    await page.getByRole("textbox", { name: "Your message" }).fill(message);
    await page.getByRole("textbox", { name: "Your message" }).press("Enter");
  };
  await say(`opening hours ${payload("Visitor")}`);
  await expect(page.getByTestId("chat-reply").last()).toContainText("Answer");
  await say("zebra xylophone quartz");
  await expect(page.getByTestId("chat-reply").last()).toContainText("Fallback");
  await expect(page.getByText(`opening hours ${payload("Visitor")}`)).toBeVisible();
  await expectNothingParsed(page, "playground");

  await expectInert(page, "/dashboard", [name]);
  await expectInert(page, "/chatbots", [name, payload("Description")]);
  // The Q&A list shows answers as the playground does: markdown, raw HTML dropped.
  await expectInert(page, `/chatbots/${botId}/knowledge`, [`${payload("Question")} opening hours`]);
  await expect(page.getByTestId("knowledge-list")).toContainText("Answer");
  await expectInert(page, `/chatbots/${botId}/conversations`, [payload("Visitor")]);
  await page.getByTestId("conversation-list").getByRole("link").first().click();
  await expect(page.getByTestId("transcript")).toContainText("Fallback");
  await expect(page.getByTestId("transcript")).toContainText(payload("Visitor"));
  await expectNothingParsed(page, "transcript");

  // The administrator sees the bot's name, and its owner, among everyone's bots.
  const admin = await firstAdmin(browser);
  watchDialogs(admin.page);
  await expectInert(admin.page, "/admin/bots", [name, user.username]);

  expect(dialogs).toEqual([]);
});
