import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { expect, publishBot, test } from "./fixtures";
import { ChatbotFormPage, expectToast, fillInstructions } from "./pages";

// Versions: change a bot, see what changed, publish it, go back in one click. The playground
// answers with the draft, the public page with what is published.

async function lastReply(page: Page, message: string) {
  const box = page.getByRole("textbox", { name: "Your message" });
  await box.fill(message);
  await box.press("Enter");
  // The reply's text, without its "Copy reply" button.
  const reply = page.getByTestId("chat-reply").last().locator("p").first();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  return reply;
}

test("change the instructions, compare, publish, restore: the playground talks to the draft, the public page to what is published", async ({ page, browser, user }) => {
  const botId = await new ChatbotFormPage(page).create({ name: "Versioned bakery", systemPrompt: "Be brief.\nSay hello." });
  const publicId = await publishBot(botId);
  await expect(page.getByTestId("unpublished-changes")).toHaveCount(0);

  // A behavioural save, with a note: the header says there are unpublished changes.
  await page.goto(`/chatbots/${botId}/edit`);
  await fillInstructions(page, "Be brief.\nSay hi.");
  await page.getByRole("textbox", { name: "Fallback message", exact: true }).fill("Draft says: ask the baker.");
  await page.getByRole("textbox", { name: "Note for this version (optional)" }).fill("Friendlier fallback");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/chatbots/${botId}$`));
  await expect(page.getByTestId("unpublished-changes")).toBeVisible();
  await expect(await lastReply(page, "Do you bake rye?")).toHaveText("Draft says: ask the baker.");

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/b/${publicId}`);
  await expect(await lastReply(visitor, "Do you bake rye?")).toHaveText("Sorry, I don't have an answer to that yet.");

  // The list and the comparison (published against the draft by default).
  await page.getByTestId("unpublished-changes").click();
  await expect(page).toHaveURL(new RegExp(`/chatbots/${botId}/versions$`));
  await expect(page.getByTestId("version-2")).toContainText("Friendlier fallback");
  await expect(page.getByTestId("version-2")).toContainText(user.username);
  await expect(page.getByTestId("version-2")).toContainText("Draft");
  await expect(page.getByTestId("version-1")).toContainText("Published");
  await expect(page.getByTestId("changed-fields")).toHaveText("Instructions, Fallback message");
  const diff = page.getByTestId("instructions-diff");
  await expect(diff.locator(".diff-removed")).toHaveText(["Removed: Say hello."]);
  await expect(diff.locator(".diff-added")).toHaveText(["Added: Say hi."]);
  expect(await seriousViolations(page)).toEqual([]);

  // Publish: the public page answers with version 2 from the next message on.
  await page.getByTestId("publish").click();
  await expectToast(page, "Version 2 is published.");
  await expect(page.getByTestId("unpublished-changes")).toHaveCount(0);
  await expect(await lastReply(visitor, "And rye on Sunday?")).toHaveText("Draft says: ask the baker.");

  // Restore version 1: a new draft (version 3); the public page keeps version 2 until published.
  await page.getByRole("button", { name: "Restore version 1 as the draft" }).click();
  await expectToast(page, /The draft is version 1 again \(saved as version 3\)/);
  await expect(page.getByTestId("version-3")).toContainText("Restored from version 1");
  await expect(page.getByTestId("unpublished-changes")).toBeVisible();
  await page.goto(`/chatbots/${botId}`);
  await expect(await lastReply(page, "Do you bake rye?")).toHaveText("Sorry, I don't have an answer to that yet.");
  await expect(await lastReply(visitor, "Still there?")).toHaveText("Draft says: ask the baker.");
  await visitor.context().close();
});

test.describe("on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("the versions page fits, in Arabic too, and is axe-clean", async ({ page, context, user }) => {
    const botId = await new ChatbotFormPage(page).create({ name: "Phone versions", systemPrompt: "A long first line of instructions that has to wrap on a phone screen.\nSecond line." });
    await page.goto(`/chatbots/${botId}/edit`);
    await fillInstructions(page, "A long first line of instructions that has to wrap on a small phone screen.\nSecond line.");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("unpublished-changes")).toBeVisible();
    for (const locale of ["en", "ar"]) {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: "http://127.0.0.1" }]);
      await page.goto(`/chatbots/${botId}/versions`);
      await expect(page.getByTestId("instructions-diff")).toBeVisible();
      await expect(page.getByTestId("version-1")).toContainText(user.username);
      const wide = await page.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 376).slice(0, 5).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${locale} ${wide.join(" | ")}`).toBeLessThanOrEqual(375);
      expect(await seriousViolations(page), locale).toEqual([]);
    }
  });
});
