import { sql } from "./db";
import { createUser, expect, newPublicId, test } from "./fixtures";
import { RegisterPage } from "./pages";

test("registration shows every field's problem at once, and taken names after the server checks", async ({ page }) => {
  const taken = await createUser("taken");
  const register = new RegisterPage(page);

  await register.goto();
  await register.fill({ username: "x", email: "not-an-email", password: "short", confirmPassword: "different" });
  await register.submit();
  await expect(page.getByText("Use 3 to 32 characters")).toBeVisible();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("The password must have at least 12 characters.")).toBeVisible();
  await expect(page.getByText("The passwords do not match.")).toBeVisible();

  // Nothing typed is lost; the server reports both taken fields together.
  await register.fill({ ...taken, password: "a perfectly fine passphrase" });
  await register.submit();
  await expect(page.getByText("This username is taken.")).toBeVisible();
  await expect(page.getByText("An account with this email already exists.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Email", exact: true })).toHaveValue(taken.email);
  await expect(page).toHaveURL(/\/register$/);
});

test("errors come in the visitor's language", async ({ page, context }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "es", url: "http://127.0.0.1" }]);
  await page.goto("/register");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Crea tu cuenta");
  await page.getByRole("button", { name: "Crear cuenta" }).click();
  await expect(page.getByText("Este campo es obligatorio.").first()).toBeVisible();
});

test("the page-not-found page speaks the visitor's language", async ({ page, context }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "de", url: "http://127.0.0.1" }]);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Seite nicht gefunden");
});

test("an over-long system prompt is refused with the counter in red, and the text is kept", async ({ page, user }) => {
  await page.goto("/chatbots/new");
  await page.getByRole("button", { name: "Create chatbot" }).click();
  await expect(page.getByText("This field is required.")).toBeVisible();
  const prompt = "x".repeat(8001);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Too chatty");
  await page.getByRole("textbox", { name: "Instructions", exact: true }).fill(prompt);
  await expect(page.getByText("8001 / 8000 characters")).toHaveClass(/text-danger/);
  await page.getByRole("button", { name: "Create chatbot" }).click();
  await expect(page.getByText("This is too long.")).toBeVisible();
  await expect(page).toHaveURL(/\/chatbots\/new$/);
  await expect(page.getByRole("textbox", { name: "Instructions", exact: true })).toHaveValue(prompt);
  expect(await sql(`SELECT id FROM "Chatbot" WHERE "ownerId" = $1`, [user.id])).toEqual([]);
});

test("the bot list searches by name and pages by 20", async ({ page, user }) => {
  const owner = user.id;
  for (let i = 1; i <= 25; i++) {
    const name = i === 7 ? "Pizza Planet helper" : `Bot ${String(i).padStart(2, "0")}`;
    const at = new Date(Date.UTC(2026, 0, 1, 0, i));
    await sql(`INSERT INTO "Chatbot" (id, "ownerId", name, "publicId", "updatedAt", "createdAt") VALUES ($1, $2, $3, $4, $5, $6)`, [`${owner}-bot-${i}`, owner, name, newPublicId(), at, at]);
  }
  await page.goto("/chatbots");
  const items = page.getByTestId("chatbot-list").getByRole("listitem");
  await expect(items).toHaveCount(20);
  await expect(page.getByText("25 chatbots")).toBeVisible();
  await expect(items.first()).toContainText("Bot 25");
  await page.getByRole("link", { name: "Next" }).click();
  await expect(items).toHaveCount(5);
  await expect(page.getByText("Page 2 of 2")).toBeVisible();

  await page.getByLabel("Search by name").fill("pizza");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText("Pizza Planet helper");
  await page.getByLabel("Search by name").fill("no such bot");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No chatbot's name contains “no such bot”.")).toBeVisible();
});
