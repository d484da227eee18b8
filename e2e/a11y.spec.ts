import { seriousViolations } from "./axe";
import type { Page } from "@playwright/test";
import { sql } from "./db";
import { createBot, createUser, expect, publishBot, signIn, test } from "./fixtures";

async function setTheme(page: Page, theme: "dark" | "light") {
  await page.context().addCookies([{ name: "theme", value: theme, url: "http://127.0.0.1" }]);
}

test("axe finds no serious or critical problem on any public page, in both themes", async ({ page }) => {
  // No fade-ins: axe would measure the contrast of a dialog half-way through appearing.
  await page.emulateMedia({ reducedMotion: "reduce" });
  const publicPages = ["/", "/login", "/register", "/forgot-password", "/no-such-page"];
  for (const theme of ["dark", "light"] as const) {
    await setTheme(page, theme);
    for (const path of publicPages) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("data-bs-theme", theme);
      expect(await seriousViolations(page), `${path} (${theme})`).toEqual([]);
    }
  }
});

// One test per theme, so the two sweeps run side by side.
for (const theme of ["dark", "light"] as const) {
  test(`axe finds no serious or critical problem on any signed-in page (${theme})`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: "reduce" });
    const user = await createUser("axe");
    await signIn(page.context(), user);
    await setTheme(page, theme);
    await page.goto("/dashboard");
    await expect(page.getByRole("link", { name: "Create your first chatbot" })).toBeVisible();
    expect(await seriousViolations(page), `empty /dashboard (${theme})`).toEqual([]);
    const id = await createBot(user.id, { name: "Axe bot", description: "Checks contrast", systemPrompt: "Be clear." });
    // A conversation and a Q&A entry, so those pages show their lists.
    await page.goto(`/chatbots/${id}`);
    await page.getByRole("textbox", { name: "Your message" }).fill("hello");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByTestId("chat-reply")).toHaveCount(1);
    await page.goto(`/chatbots/${id}/knowledge`);
    await page.getByRole("textbox", { name: "Question", exact: true }).fill("Hours?");
    await page.getByRole("textbox", { name: "Answer", exact: true }).fill("Seven to six.");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByTestId("knowledge-list").getByRole("listitem")).toHaveCount(1);
    await page.goto(`/chatbots/${id}/conversations`);
    await page.getByTestId("conversation-list").getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/chatbots/${id}/conversations/[^/]+$`));
    const transcript = new URL(page.url()).pathname;
    const privatePages = ["/dashboard", "/chatbots", "/chatbots/new", `/chatbots/${id}`, `/chatbots/${id}/edit`, `/chatbots/${id}/knowledge`, `/chatbots/${id}/conversations`, transcript, `/chatbots/${id}/analytics`, `/chatbots/${id}/tests`, "/profile", "/profile/security", "/api-keys"];
    for (const path of privatePages) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("data-bs-theme", theme);
      expect(await seriousViolations(page), `${path} (${theme})`).toEqual([]);
    }
    // The delete dialog and the Arabic, right-to-left layout too.
    await page.goto(`/chatbots/${id}`);
    await page.getByRole("button", { name: "Delete: Axe bot" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await seriousViolations(page), `delete dialog (${theme})`).toEqual([]);
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "ar", url: "http://127.0.0.1" }]);
    await page.goto("/chatbots");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    expect(await seriousViolations(page), `/chatbots (ar, ${theme})`).toEqual([]);
  });
}

test("axe: the public page, the embed and the playground resumed after a reload, in both themes", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  const user = await createUser("axevis");
  await signIn(page.context(), user);
  const id = await createBot(user.id, { name: "Axe visitors bot" });
  const publicId = await publishBot(id, { widgetOrigins: ["https://shop.example.com"], icon: "cup-hot", color: "amber" });
  await page.goto(`/chatbots/${id}`);
  await page.getByRole("textbox", { name: "Your message" }).fill("hello");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("chat-reply")).toHaveAttribute("aria-busy", "false");
  const resumed = `${new URL(page.url()).pathname}${new URL(page.url()).search}`;
  expect(resumed).toMatch(/\?c=/);
  for (const theme of ["dark", "light"] as const) {
    await setTheme(page, theme);
    // With its conversation and the link to its transcript; then afresh, offering the last one.
    for (const path of [resumed, `/chatbots/${id}`, `/b/${publicId}`, `/embed/${publicId}`]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("data-bs-theme", theme);
      expect(await seriousViolations(page), `${path} (${theme})`).toEqual([]);
    }
  }
});

test.describe("on a 375 px wide phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("no page scrolls sideways, and the menu opens", async ({ page }) => {
    const fits = async (path: string) => {
      await page.goto(path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(375);
    };
    for (const path of ["/", "/login", "/register"]) await fits(path);
    const user = await createUser("phone");
    // An admin, so the admin pages (tables of many columns) are checked too; the role is read on every request.
    await sql(`UPDATE "User" SET role = 'ADMIN' WHERE id = $1`, [user.id]);
    await signIn(page.context(), user);
    const id = await createBot(user.id, { name: "A bot with a rather long name for a small screen", description: "x ".repeat(200) });
    await page.goto(`/chatbots/${id}/knowledge`);
    await page.getByRole("textbox", { name: "Question", exact: true }).fill("A question long enough to wrap on a phone, surely?");
    await page.getByRole("textbox", { name: "Answer", exact: true }).fill("An answer with a [link](https://example.com/a/rather/long/path/that/could/overflow) and **bold**.");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByTestId("knowledge-list").getByRole("listitem")).toHaveCount(1);
    for (const path of ["/dashboard", "/chatbots", "/chatbots/new", `/chatbots/${id}`, `/chatbots/${id}/edit`, `/chatbots/${id}/knowledge`, `/chatbots/${id}/conversations`, "/profile", "/profile/security", "/api-keys", "/admin", "/admin/bots", "/admin/audit", "/admin/mail"]) await fits(path);
    // The admin tables stack on a phone: axe checks that layout (the sweep above covers the desktop one).
    for (const path of ["/admin", "/admin/bots", "/admin/audit", "/admin/mail"]) {
      await page.goto(path);
      expect(await seriousViolations(page), `${path} (phone)`).toEqual([]);
    }

    await page.getByRole("button", { name: "Toggle navigation" }).click();
    await page.getByRole("link", { name: "Chatbots" }).click();
    await expect(page).toHaveURL(/\/chatbots$/);
  });
});

test("the language menu and a confirmation dialog work from the keyboard, and give focus back", async ({ page, user }) => {
  const id = await createBot(user.id, { name: "Keyboard bot" });
  await page.goto(`/chatbots/${id}`);
  const menu = page.getByRole("button", { name: /Language/ });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("button", { name: "English", exact: true })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("button", { name: "Español", exact: true })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await expect(page.getByRole("button", { name: "Español", exact: true })).toBeHidden();

  const remove = page.getByRole("button", { name: "Delete" });
  await remove.click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(remove).toBeFocused();
});
