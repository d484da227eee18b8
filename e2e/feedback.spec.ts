import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { createBot, expect, publishBot, test } from "./fixtures";
import { expectToast } from "./pages";

// Feedback and misses: a visitor rates a reply down with a comment, the owner finds it among the
// unanswered questions, grouped with a rewording, and turns it into a Q&A entry in one go.

async function ask(page: Page, message: string) {
  const box = page.getByRole("textbox", { name: "Your message" });
  await box.fill(message);
  await box.press("Enter");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  return page.getByTestId("chat-reply").last();
}

test("a thumbs down and a miss become one unanswered question, then a Q&A entry the bot answers with", async ({ page, browser, user }) => {
  const botId = await createBot(user.id, { name: "Delivery bakery" });
  const publicId = await publishBot(botId);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/b/${publicId}`);
  const reply = await ask(visitor, "Do you deliver?");
  await reply.getByRole("button", { name: "Bad reply" }).click();
  await reply.getByRole("textbox", { name: "What was wrong? (optional)" }).fill("I need to know about delivery");
  await reply.getByRole("button", { name: "Send" }).click();
  await expect(reply.getByRole("status")).toHaveText("Thanks for your feedback.");
  await visitor.context().close();

  // The owner's own miss in the playground, rated up (a rating is not a miss; the fallback is).
  await page.goto(`/chatbots/${botId}`);
  const own = await ask(page, "do you deliver on weekends");
  await own.getByRole("button", { name: "Good reply" }).click();
  await expect(own.getByRole("status")).toHaveText("Thanks for your feedback.");

  await page.getByTestId("bot-tabs").getByRole("link", { name: "Unanswered" }).click();
  const group = page.getByTestId("unanswered-group");
  await expect(group).toHaveCount(1);
  await expect(group).toContainText("asked 2 times");
  await expect(group).toContainText("1 thumbs down");
  await expect(group).toContainText("I need to know about delivery");
  await expect(group.getByTestId("wordings").getByRole("listitem")).toHaveText(["do you deliver on weekends", "Do you deliver?"]);
  expect(await seriousViolations(page)).toEqual([]);

  await group.getByRole("textbox", { name: "Question" }).fill("Do you deliver?");
  await group.getByRole("textbox", { name: "Answer" }).fill("Yes, within 5 km, every day.");
  await group.getByRole("button", { name: "Add to Q&A" }).click();
  await expectToast(page, "Added to your Q&A.");
  await expect(page.getByTestId("unanswered-group")).toHaveCount(0);

  await page.goto(`/chatbots/${botId}`);
  await expect((await ask(page, "do you deliver?")).locator("p").first()).toHaveText("Yes, within 5 km, every day.");
});

test.describe("on a 375 px phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("the unanswered questions fit, in Arabic too, and are axe-clean", async ({ page, context, user }) => {
    const botId = await createBot(user.id, { name: "Phone misses" });
    await page.goto(`/chatbots/${botId}`);
    await ask(page, "A rather long question about something this bot has never heard of before?");
    for (const locale of ["en", "ar"]) {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: "http://127.0.0.1" }]);
      await page.goto(`/chatbots/${botId}/unanswered`);
      await expect(page.getByTestId("unanswered-group")).toHaveCount(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), locale).toBeLessThanOrEqual(375);
      expect(await seriousViolations(page), locale).toEqual([]);
    }
  });
});
