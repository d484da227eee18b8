import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

// Page objects: the tests say what a user does; these know the selectors.
let counter = 0;
export function uniqueUser(prefix = "user") {
  // The random part keeps names apart when two workers pick one in the same millisecond.
  const id = `${prefix}${Date.now().toString(36)}${randomBytes(2).toString("hex")}${(counter++).toString(36)}`;
  return { username: id, email: `${id}@example.test`, password: "correct horse battery staple" };
}
export type TestUser = ReturnType<typeof uniqueUser>;

export class RegisterPage {
  constructor(readonly page: Page) {}
  async goto() {
    await this.page.goto("/register");
  }
  async fill(user: Partial<TestUser> & { confirmPassword?: string; firstName?: string }) {
    const p = this.page;
    await p.getByRole("textbox", { name: "Username", exact: true }).fill(user.username ?? "");
    await p.getByRole("textbox", { name: "Email", exact: true }).fill(user.email ?? "");
    await p.getByRole("textbox", { name: "Password", exact: true }).fill(user.password ?? "");
    await p.getByRole("textbox", { name: "Confirm password", exact: true }).fill(user.confirmPassword ?? user.password ?? "");
    if (user.firstName) await p.getByRole("textbox", { name: "First name (optional)", exact: true }).fill(user.firstName);
  }
  async submit() {
    await this.page.getByRole("button", { name: "Create account" }).click();
  }
  /** Registers and lands on the dashboard, signed in. */
  async register(user: TestUser) {
    await this.goto();
    await this.fill(user);
    await this.submit();
    await expect(this.page).toHaveURL(/\/dashboard$/);
  }
}

export class LoginPage {
  constructor(readonly page: Page) {}
  async login(identifier: string, password: string, { remember = false } = {}) {
    await this.page.goto("/login");
    await this.page.getByRole("textbox", { name: "Username or email", exact: true }).fill(identifier);
    await this.page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
    if (remember) await this.page.getByLabel("Remember me for 30 days").check();
    await this.page.getByRole("button", { name: "Log in" }).click();
  }
}

export class ChatbotFormPage {
  constructor(readonly page: Page) {}
  async fill(bot: { name?: string; description?: string; systemPrompt?: string }) {
    // Instructions first: their counter shows the form is live before the other fields are typed.
    if (bot.systemPrompt !== undefined) await fillInstructions(this.page, bot.systemPrompt);
    if (bot.name !== undefined) await this.page.getByRole("textbox", { name: "Name", exact: true }).fill(bot.name);
    if (bot.description !== undefined) await this.page.getByRole("textbox", { name: "Description", exact: true }).fill(bot.description);
  }
  /** Creates a bot through the form and returns its id, from the detail page it lands on. */
  async create(bot: { name: string; description?: string; systemPrompt?: string }) {
    await this.page.goto("/chatbots/new");
    await this.fill(bot);
    await this.page.getByRole("button", { name: "Create chatbot" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: bot.name })).toBeVisible();
    return this.page.url().split("/").pop()!;
  }
}

/**
 * Types the bot form's instructions once the form is live: its character counter follows what was
 * typed. Text typed before the page's scripts ran can be replaced by the form's own value when
 * they start (seen once under CI's load: a bot saved without its instructions), so it is typed again.
 */
export async function fillInstructions(page: Page, value: string) {
  const box = page.getByRole("textbox", { name: "Instructions", exact: true });
  await expect(async () => {
    await box.fill(value);
    await expect(page.getByText(`${[...value].length} / 8000 characters`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

export async function logout(page: Page) {
  const logoutButton = page.getByRole("button", { name: "Log out" });
  if (!(await logoutButton.isVisible())) await page.getByRole("button", { name: "Toggle navigation" }).click();
  await logoutButton.click();
  await expect(page).toHaveURL(/\/login$/);
}

export async function expectToast(page: Page, text: string | RegExp) {
  // .last(): the same message twice in a row shows two toasts.
  await expect(page.getByTestId("toast-success").filter({ hasText: text }).last()).toBeVisible();
}

/**
 * Opens the interface language menu (its button's name in the page's language) and picks a
 * language. A click that lands before the page's scripts have run opens nothing, as for anyone
 * that quick: the click is repeated until the menu shows, which a busy machine needs.
 */
export async function chooseLanguage(page: Page, menu: RegExp, language: string) {
  const item = page.getByRole("button", { name: language, exact: true });
  await expect(async () => {
    if (!(await item.isVisible())) await page.getByRole("button", { name: menu }).click();
    await expect(item).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await item.click();
}
