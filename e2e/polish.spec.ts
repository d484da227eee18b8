import { seriousViolations } from "./axe";
import { expect, test, type Page } from "@playwright/test";
import { sql, userId } from "./db";
import { RegisterPage, uniqueUser } from "./pages";
import { createUser, newPublicId, signIn } from "./fixtures";

// The first five minutes: templates, the checklist, the dashboard's cards, the bot form, the
// playground's look; axe in both themes and Arabic, the phone layout, and reviewed screenshots.

async function signInAs(page: Page, prefix: string) {
  const user = await createUser(prefix);
  await signIn(page.context(), user);
  return user;
}
const setCookie = (page: Page, name: string, value: string) => page.context().addCookies([{ name, value, url: "http://127.0.0.1" }]);

async function ask(page: Page, message: string) {
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await page.getByRole("textbox", { name: "Your message" }).fill(message);
  await page.getByRole("textbox", { name: "Your message" }).press("Enter");
}

/** A bot inserted directly, for pages where the bot's creation is not what is tested. */
async function insertBot(owner: string, bot: { id: string; name: string; description?: string; icon?: string; color?: string; isActive?: boolean; welcome?: string }) {
  const at = new Date(Date.UTC(2026, 0, 1));
  await sql(
    `INSERT INTO "Chatbot" (id, "ownerId", name, description, "avatarIcon", "avatarColor", "isActive", "welcomeMessage", "publicId", "updatedAt", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [bot.id, owner, bot.name, bot.description ?? "", bot.icon ?? "robot", bot.color ?? "indigo", bot.isActive ?? true, bot.welcome ?? "", newPublicId(), at, at],
  );
}

test("a newcomer starts from a template and chats with it at once; the checklist ticks itself, then goes", async ({ page }) => {
  await new RegisterPage(page).register(uniqueUser("template"));
  const checklist = page.getByTestId("checklist");
  await expect(checklist).toContainText("0 of 4 done");
  await page.getByRole("link", { name: "Create your first chatbot" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "New chatbot" })).toBeVisible();
  await expect(page.getByTestId("template-gallery").getByRole("listitem")).toHaveCount(5);
  await page.getByRole("button", { name: "Use this template: FAQ for a shop" }).click();

  // The playground of a bot that already knows its sample answers.
  await expect(page.getByRole("heading", { level: 1, name: "Shop assistant" })).toBeVisible();
  await expect(page).toHaveURL(/\/chatbots\/[^/]+$/);
  await expect(page.getByTestId("welcome")).toContainText("I can help with delivery, returns, payment and opening hours.");
  await page.goto("/dashboard");
  await expect(checklist).toContainText("2 of 4 done");
  await expect(checklist.getByTestId("step-create")).toHaveAttribute("data-done", "true");
  await expect(checklist.getByTestId("step-knowledge")).toHaveAttribute("data-done", "true");
  await expect(checklist.getByTestId("step-try")).toHaveAttribute("data-done", "false");
  await checklist.getByRole("link", { name: "Try it" }).click();

  await ask(page, "how long does the delivery take?");
  await expect(page.getByTestId("chat-reply").last()).toContainText("2 to 4 working days");
  // The exchange is stored and counted as the reply ends: leave once it has (a PostgreSQL run read the dashboard first).
  await expect(page.getByTestId("chat-reply").last()).toHaveAttribute("aria-busy", "false");
  await expect(page.getByTestId("chat-reply").last().getByTestId("chat-sources")).toContainText("Q&A: How long does delivery take?");

  // Every step done: the checklist steps aside, the bot is a card with its face, status and week.
  await page.goto("/dashboard");
  await expect(checklist).toHaveCount(0);
  const card = page.getByTestId("bot-cards").getByRole("listitem");
  await expect(card).toHaveCount(1);
  await expect(card).toContainText("Shop assistant");
  await expect(card).toContainText("Active");
  await expect(card).toContainText("2 messages in 7 days");
  await expect(card.locator(".bot-avatar .bi-shop")).toHaveCount(1);
  await expect(card.getByTestId("last-activity")).toContainText("Last active");
  // Its Q&A holds the four sample questions.
  await card.getByRole("link", { name: "Shop assistant" }).click();
  await page.getByRole("link", { name: "Knowledge", exact: true }).click();
  await expect(page.getByTestId("knowledge-list").getByRole("listitem")).toHaveCount(4);
});

test("the checklist can be hidden for good, and templates speak the maker's language", async ({ page }) => {
  await new RegisterPage(page).register(uniqueUser("dismiss"));
  await page.getByRole("button", { name: "Hide the checklist" }).click();
  await expect(page.getByTestId("checklist")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("checklist")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Create your first chatbot" })).toBeVisible();

  await setCookie(page, "NEXT_LOCALE", "de");
  await page.goto("/chatbots/templates");
  await page.getByRole("button", { name: "Diese Vorlage verwenden: Restaurant" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Restaurant-Gastgeber" })).toBeVisible();
  await expect(page.getByTestId("welcome")).toContainText("Willkommen!");
});

test("the bot form speaks plainly, hides what the built-in model ignores, previews the welcome and keeps the avatar", async ({ page }) => {
  await signIn(page.context(), await createUser("form"));
  await page.goto("/chatbots/templates");
  await page.getByRole("link", { name: "Start blank" }).click();
  await expect(page).toHaveURL(/\/chatbots\/new$/);

  // Built-in: no model, no creativity; the default fallback shows as a placeholder.
  await expect(page.getByRole("textbox", { name: "Instructions", exact: true })).toBeVisible();
  await expect(page.getByText("System prompt")).toHaveCount(0);
  await expect(page.getByLabel("Model", { exact: true })).toHaveCount(0);
  await expect(page.getByText("Advanced settings")).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Fallback message" })).toHaveAttribute("placeholder", "Sorry, I don't have an answer to that yet.");

  // The preview follows the form as it is typed.
  const preview = page.getByTestId("bot-preview");
  await expect(preview).toContainText("Your chatbot");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Garden helper");
  await page.getByRole("textbox", { name: "Welcome message" }).fill("Hello, **gardener**!");
  await expect(preview.getByTestId("preview-name")).toHaveText("Garden helper");
  await expect(preview.getByTestId("preview-welcome").locator("strong")).toHaveText("gardener");
  // The pickers are radio buttons drawn as tiles: the visible tile is the label.
  await page.getByTitle("House", { exact: true }).click();
  await page.getByTitle("Green", { exact: true }).click();
  await expect(preview.locator(".bot-avatar .bi-house").first()).toBeVisible();

  // An AI model brings its own settings, the fine-tuning folded away.
  await page.getByLabel("Answers with").selectOption("openai");
  await expect(page.getByLabel("Model", { exact: true })).toBeVisible();
  await expect(page.getByRole("spinbutton", { name: "Creativity (temperature)" })).toBeHidden();
  await page.getByText("Advanced settings").click();
  await expect(page.getByRole("spinbutton", { name: "Creativity (temperature)" })).toHaveValue("0.7");
  await page.getByLabel("Answers with").selectOption("builtin");
  await expect(page.getByText("Advanced settings")).toHaveCount(0);

  await page.getByRole("button", { name: "Create chatbot" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Garden helper" })).toBeVisible();
  const id = page.url().split("/").pop()!;
  expect(await sql(`SELECT "avatarIcon", "avatarColor" FROM "Chatbot" WHERE id = $1`, [id])).toEqual([{ avatarIcon: "house", avatarColor: "green" }]);
  // The playground wears it, and so does the list.
  await expect(page.getByTestId("welcome").locator("xpath=..").locator(".bot-avatar .bi-house")).toHaveCount(1);
  await page.goto("/chatbots");
  await expect(page.getByTestId("chatbot-list").locator(".bi-house")).toHaveCount(1);
  await page.goto(`/chatbots/${id}/edit`);
  await expect(page.getByLabel("House", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Green", { exact: true })).toBeChecked();
});

test("the playground's copy button stays quiet until a reply is hovered or focused; the visitor's bubble is readable", async ({ page }) => {
  await signIn(page.context(), await createUser("copy"));
  await page.goto("/chatbots/templates");
  await page.getByRole("button", { name: "Use this template: Support desk" }).click();
  await ask(page, "I forgot my password");
  const reply = page.getByTestId("chat-reply").last();
  await expect(reply).toContainText("Forgot password?");
  const copy = reply.getByRole("button", { name: "Copy reply" });
  await page.mouse.move(0, 0);
  await expect(copy).toHaveCSS("opacity", "0");
  await reply.hover();
  await expect(copy).toHaveCSS("opacity", "1");
  await page.mouse.move(0, 0);
  await copy.focus();
  await expect(copy).toHaveCSS("opacity", "1");
  // White on deep blue, whatever the theme.
  await expect(page.getByTestId("chat-user").last()).toHaveCSS("color", "rgb(255, 255, 255)");
  await expect(page.getByTestId("chat-user").last()).toHaveCSS("background-color", "rgb(29, 78, 216)");
});

test("axe finds nothing serious on the new pages, in both themes and in Arabic", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  // Signed in directly: registering is newcomer.spec.ts's and the first test's subject.
  const owner = (await signInAs(page, "axepolish")).id;
  await insertBot(owner, { id: `${owner}-a`, name: "Bakery bot", description: "Opening hours and cakes", icon: "cup-hot", color: "amber", welcome: "Hi! **Ask** away." });
  await insertBot(owner, { id: `${owner}-b`, name: "Support bot", icon: "headset", color: "blue", isActive: false });
  // English in both themes is a11y.spec.ts's sweep; here the pages it does not visit, and the
  // right-to-left layout of every new page (its colours are the same as left-to-right's).
  const pages = ["/", "/dashboard", "/chatbots/templates", "/chatbots/new", `/chatbots/${owner}-a`, `/chatbots/${owner}-a/edit`, "/chatbots"];
  const sweep: [string, "dark" | "light", string[]][] = [
    ["en", "dark", ["/", "/chatbots/templates"]],
    ["en", "light", ["/", "/chatbots/templates"]],
    ["ar", "dark", pages],
    ["ar", "light", [`/chatbots/${owner}-a`]],
  ];
  for (const [locale, theme, paths] of sweep) {
    await setCookie(page, "NEXT_LOCALE", locale);
    await setCookie(page, "theme", theme);
    for (const path of paths) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("data-bs-theme", theme);
      expect(await seriousViolations(page), `${path} (${theme}, ${locale})`).toEqual([]);
    }
  }
  // The form with an AI model and its advanced settings open.
  await setCookie(page, "NEXT_LOCALE", "en");
  await page.goto(`/chatbots/${owner}-a/edit`);
  await page.getByLabel("Answers with").selectOption("openai");
  await page.getByText("Advanced settings").click();
  expect(await seriousViolations(page), "edit form, advanced open").toEqual([]);
});

test.describe("on a 375 px wide phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("the new pages do not scroll sideways, in English and Arabic", async ({ page }) => {
    const owner = (await signInAs(page, "phonepolish")).id;
    await insertBot(owner, { id: `${owner}-a`, name: "A bot with a rather long name for a small screen", description: "x ".repeat(200), welcome: "y".repeat(300) });
    // English pages at this width are a11y.spec.ts's; here the template gallery, and Arabic.
    for (const [locale, paths] of [
      ["en", ["/chatbots/templates"]],
      ["ar", ["/", "/dashboard", "/chatbots/templates", "/chatbots/new", `/chatbots/${owner}-a`, `/chatbots/${owner}-a/edit`]],
    ] as const) {
      await setCookie(page, "NEXT_LOCALE", locale);
      for (const path of paths) {
        await page.goto(path);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${path} (${locale})`).toBeLessThanOrEqual(375);
      }
    }
  });
});

test.describe("screenshots of the main pages (reviewed baselines in e2e/polish.spec.ts-snapshots)", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("landing, dashboard, bot form and playground look as reviewed", async ({ page }) => {
    await page.emulateMedia({ reducedMotion: "reduce" });
    const shot = { fullPage: true, animations: "disabled" as const, caret: "hide" as const, maxDiffPixelRatio: 0.01 };
    await page.goto("/");
    await expect(page).toHaveScreenshot("landing.png", shot);

    const user = uniqueUser("shots");
    await new RegisterPage(page).register(user);
    const owner = await userId(user.username);
    await sql(`UPDATE "User" SET "checklistDismissedAt" = $1 WHERE id = $2`, [new Date(), owner]);
    await insertBot(owner, { id: `${owner}-a`, name: "Bakery assistant", description: "Opening hours, cakes and orders.", icon: "cup-hot", color: "amber", welcome: "Hi! Ask me about our **opening hours**." });
    await insertBot(owner, { id: `${owner}-b`, name: "Support desk", description: "Accounts, passwords and invoices.", icon: "headset", color: "blue" });
    await insertBot(owner, { id: `${owner}-c`, name: "Booking assistant", description: "Appointments.", icon: "calendar-check", color: "pink", isActive: false });
    const dates = (p: Page) => [p.getByTestId("last-activity")];

    await page.goto("/dashboard");
    await expect(page).toHaveScreenshot("dashboard.png", { ...shot, mask: dates(page) });
    await page.goto(`/chatbots/${owner}-a/edit`);
    await expect(page).toHaveScreenshot("bot-form.png", shot);
    await page.goto(`/chatbots/${owner}-a`);
    await ask(page, "hello");
    await expect(page.getByTestId("chat-reply")).toContainText("Sorry");
    await page.mouse.move(0, 0);
    // The side card's dates change with every run.
    await expect(page).toHaveScreenshot("playground.png", { ...shot, mask: [page.locator("dl dd").nth(3), page.locator("dl dd").nth(4)] });
  });
});
