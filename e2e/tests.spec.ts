import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { sql } from "./db";
import { createBot, expect, test } from "./fixtures";
import { ChatbotFormPage, expectToast, fillInstructions } from "./pages";

// Saved test questions: save them from the playground, run them against the draft and the
// published version, see a regression, be asked before publishing it, restore, publish.

const INSTRUCTIONS = "Be brief.";

/**
 * Saves the bot's welcome or fallback message (versioned settings; the fallback is what the
 * built-in model says when its Q&A has no answer): each save is a new version.
 */
async function saveMessages(page: Page, botId: string, { welcome, fallback }: { welcome?: string; fallback?: string }) {
  await page.goto(`/chatbots/${botId}/edit`);
  await fillInstructions(page, INSTRUCTIONS);
  if (welcome !== undefined) await page.getByRole("textbox", { name: "Welcome message", exact: true }).fill(welcome);
  if (fallback !== undefined) await page.getByRole("textbox", { name: "Fallback message", exact: true }).fill(fallback);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/chatbots/${botId}$`));
}

async function addEntry(page: Page, botId: string, question: string, answer: string) {
  await page.goto(`/chatbots/${botId}/knowledge`);
  const form = page.locator("#add-entry");
  await form.getByRole("textbox", { name: "Question" }).fill(question);
  await form.getByRole("textbox", { name: "Answer" }).fill(answer);
  await form.getByRole("button", { name: "Add" }).click();
  await expectToast(page, "Question added.");
}

/** Asks in the playground and saves the exchange as a test, with `expected` when given (else the form's prefill). */
async function askAndSave(page: Page, question: string, expected?: string) {
  const box = page.getByRole("textbox", { name: "Your message" });
  await box.fill(question);
  await box.press("Enter");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await page.getByTestId("chat-reply").last().getByTestId("save-as-test").click();
  const dialog = page.getByRole("dialog", { name: "New test question" });
  await expect(dialog.getByRole("textbox", { name: "Question" })).toHaveValue(question);
  if (expected !== undefined) await dialog.getByRole("textbox", { name: "The reply must contain" }).fill(expected);
  await dialog.getByRole("button", { name: "Add" }).click();
  await expectToast(page, "The test question is saved.");
  await expect(dialog).toHaveCount(0);
}

async function runTests(page: Page, botId: string) {
  await page.goto(`/chatbots/${botId}/tests`);
  await page.getByTestId("run-tests").click();
  await expect(page.getByTestId("run-tests")).toBeEnabled();
  await expect(page.getByTestId("run-summary")).toBeVisible();
}

test("save tests from the playground, run them, see a regression, be asked before publishing, restore and publish", async ({ page, user }) => {
  void user; // signed in as a fresh account
  const botId = await new ChatbotFormPage(page).create({ name: "Tested bakery", systemPrompt: INSTRUCTIONS });
  await saveMessages(page, botId, { fallback: "Please call us at 555-0100." });
  // No saved tests yet: Publish publishes at once.
  await page.getByTestId("publish").click();
  await expectToast(page, "Version 2 is published.");
  await addEntry(page, botId, "When are you open?", "We are open 9 to 5. Closed on Sundays.");

  // From the playground: a Q&A answer (the form offers its first sentence) and a fallback (the owner types what to expect).
  await page.goto(`/chatbots/${botId}`);
  await askAndSave(page, "When are you open?");
  await askAndSave(page, "Do you deliver to Mars?", "555-0100");
  // The conversation's transcript offers the same on each reply.
  await page.getByTestId("open-in-history").click();
  await page.getByTestId("transcript").getByTestId("save-as-test").first().click();
  const fromTranscript = page.getByRole("dialog", { name: "New test question" });
  await expect(fromTranscript.getByRole("textbox", { name: "Question" })).toHaveValue("When are you open?");
  await expect(fromTranscript.getByRole("textbox", { name: "The reply must contain" })).toHaveValue("We are open 9 to 5");
  await fromTranscript.getByRole("button", { name: "Cancel" }).click();
  await expect(fromTranscript).toHaveCount(0);

  await runTests(page, botId);
  const rows = page.getByTestId("test-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("Must contain: “We are open 9 to 5”");
  await expect(page.getByTestId("run-summary")).toHaveText("Draft: 2 of 2 pass. Published: 2 of 2 pass.");
  await expect(page.getByTestId("change")).toHaveText(["Same", "Same"]);

  // Two unpublished changes: a welcome message (version 3), then a fallback (version 4) that makes the Mars answer regress on the draft only.
  await saveMessages(page, botId, { welcome: "Welcome to the bakery!" });
  await saveMessages(page, botId, { fallback: "We cannot help with that." });
  await runTests(page, botId);
  await expect(page.getByTestId("run-summary")).toContainText("Draft: 1 of 2 pass. Published: 2 of 2 pass. 1 newly failing.");
  await expect(rows.nth(1).getByTestId("change")).toHaveText("Newly failing");
  await expect(rows.nth(1).getByTestId("draft-result")).toContainText("The expected text is missing.");
  expect(await seriousViolations(page)).toEqual([]);

  // Publish asks first, naming the question; cancelled, nothing is published.
  await page.getByTestId("publish").click();
  const confirm = page.getByRole("dialog", { name: "Newly failing tests" });
  await expect(confirm).toContainText("Do you deliver to Mars?");
  await confirm.getByTestId("publish-cancel").click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId("unpublished-changes")).toBeVisible();

  // Restore version 3 (the welcome message, the old fallback) as the draft: the old results are stale, a new run passes.
  await page.goto(`/chatbots/${botId}/versions`);
  await page.getByRole("button", { name: "Restore version 3 as the draft" }).click();
  await expectToast(page, /The draft is version 3 again \(saved as version 5\)/);
  await page.goto(`/chatbots/${botId}/tests`);
  await expect(page.getByTestId("run-stale")).toBeVisible();
  await runTests(page, botId);
  await expect(page.getByTestId("run-summary")).toHaveText("Draft: 2 of 2 pass. Published: 2 of 2 pass.");
  await expect(page.getByTestId("run-stale")).toHaveCount(0);

  await page.getByTestId("publish").click();
  await expectToast(page, "Version 5 is published.");
  await expect(page.getByTestId("unpublished-changes")).toHaveCount(0);
});

test("an LLM bot's run shows its progress and stops on Cancel", async ({ page, user }) => {
  // The e2e server's OpenAI-compatible provider is a local fake; "[[slow]]" makes it take ~6 s a reply.
  const botId = await createBot(user.id, { name: "Slow LLM", provider: "openai", model: "test-model" });
  await page.goto(`/chatbots/${botId}/tests`);
  await expect(page.getByText(/asks the provider once per version/)).toBeVisible();
  for (const question of ["[[slow]] Tell me a story?", "[[slow]] And another?"]) {
    await page.getByTestId("add-test").click();
    const dialog = page.getByRole("dialog", { name: "New test question" });
    await dialog.getByRole("textbox", { name: "Question" }).fill(question);
    await dialog.getByRole("textbox", { name: "The reply must contain" }).fill("word1");
    await dialog.getByRole("button", { name: "Add" }).click();
    await expectToast(page, "The test question is saved.");
    await expect(dialog).toHaveCount(0);
  }
  await page.getByTestId("run-tests").click();
  await expect(page.getByTestId("run-progress")).toHaveText("0 of 2");
  await page.getByTestId("cancel-run").click();
  await expect(page.getByTestId("run-tests")).toBeVisible({ timeout: 3_000 });
  await expect(page.getByText("The last run was cancelled after 0 of 2 questions.")).toBeVisible();
  // The server stopped too: read again, the stored run says it was cancelled (not still running, not done ~12 s later).
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("run-cancelled")).toHaveText("The last run was cancelled after 0 of 2 questions.", { timeout: 1_000 });
  }).toPass({ timeout: 8_000 });

  // A run its server left "running" (a crash) says so once it is 15 minutes old, and holds the bot no longer.
  await sql(`UPDATE "BotTestRun" SET status = 'running', "startedAt" = $1 WHERE "chatbotId" = $2`, [new Date(Date.now() - 16 * 60_000), botId]);
  await page.reload();
  await expect(page.getByTestId("run-interrupted")).toHaveText("The last run stopped after 0 of 2 questions without finishing (the server restarted). Run the tests again.");
  await expect(page.getByTestId("run-tests")).toBeEnabled();
});

test.describe("on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("the tests page with results fits, in Arabic too, and is axe-clean", async ({ page, context, user }) => {
    void user;
    const botId = await new ChatbotFormPage(page).create({ name: "Phone tests", systemPrompt: INSTRUCTIONS });
    await page.goto(`/chatbots/${botId}/tests`);
    await expect(page.getByText("No test questions yet")).toBeVisible();
    await page.getByTestId("add-test").click();
    const dialog = page.getByRole("dialog", { name: "New test question" });
    await dialog.getByRole("textbox", { name: "Question" }).fill("A rather long question that a visitor might type on a small phone screen?");
    await dialog.getByRole("button", { name: "Add" }).click();
    // No expectation: refused with a field error.
    await expect(dialog.getByText("Say what the reply must contain, must not contain or must use.")).toBeVisible();
    await dialog.getByRole("textbox", { name: "The reply must contain" }).fill("an answer that never comes");
    await dialog.getByRole("button", { name: "Add" }).click();
    await expectToast(page, "The test question is saved.");
    await page.getByTestId("run-tests").click();
    await expect(page.getByTestId("run-summary")).toHaveText("Draft: 0 of 1 pass. Published: 0 of 1 pass.");
    for (const locale of ["en", "ar"]) {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: "http://127.0.0.1" }]);
      await page.goto(`/chatbots/${botId}/tests`);
      await expect(page.getByTestId("tests-table")).toBeVisible();
      await expect(page.getByTestId("draft-result")).toBeVisible();
      const wide = await page.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 376 && !e.closest(".table-responsive, .nav-scroll")).slice(0, 5).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${locale} ${wide.join(" | ")}`).toBeLessThanOrEqual(375);
      expect(await seriousViolations(page), locale).toEqual([]);
    }
  });
});
