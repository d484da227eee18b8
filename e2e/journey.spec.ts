import { expect, test } from "@playwright/test";
import { ChatbotFormPage, LoginPage, RegisterPage, chooseLanguage, expectToast, logout, uniqueUser } from "./pages";

test("a maker registers, builds a bot, edits, toggles and deletes it, edits the profile, changes password, switches language and theme, and logs out", async ({ page }) => {
  const user = uniqueUser("maker");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Your own AI chatbot");
  // Bootstrap's stylesheet is there (a page without it still "works" for every other check).
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(33, 37, 41)");
  await page.getByRole("link", { name: "Register for free" }).click();
  await new RegisterPage(page).register(user);

  // A new user sees the empty state.
  await expect(page.getByTestId("count-bots")).toHaveText("0");
  await page.getByRole("link", { name: "Create your first chatbot" }).click();
  await expect(page).toHaveURL(/\/chatbots\/templates$/);
  await page.getByRole("link", { name: "Start blank" }).click();
  await expect(page).toHaveURL(/\/chatbots\/new$/);

  // Create: the system prompt has a live character counter.
  const form = new ChatbotFormPage(page);
  await form.fill({ name: "Bakery helper", description: "Answers about opening hours", systemPrompt: "You are friendly." });
  await expect(page.getByText("17 / 8000 characters")).toBeVisible();
  await page.getByRole("button", { name: "Create chatbot" }).click();
  await expectToast(page, "Chatbot created.");
  await expect(page.getByRole("heading", { level: 1, name: "Bakery helper" })).toBeVisible();
  await expect(page.getByText("You are friendly.")).toBeVisible();
  const botUrl = page.url();

  // Edit.
  await page.getByRole("link", { name: "Settings" }).click();
  await form.fill({ name: "Bakery assistant" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expectToast(page, "Changes saved.");
  await expect(page.getByRole("heading", { level: 1, name: "Bakery assistant" })).toBeVisible();

  // Toggle from the detail page, then from the list; the dashboard counts follow.
  await page.getByLabel("Active: Bakery assistant").uncheck();
  await expectToast(page, "is now inactive");
  await page.goto("/dashboard");
  await expect(page.getByTestId("count-bots")).toHaveText("1");
  await expect(page.getByTestId("count-active")).toHaveText("0");
  await page.goto("/chatbots");
  await expect(page.getByLabel("Active: Bakery assistant")).not.toBeChecked();
  await page.getByLabel("Active: Bakery assistant").check();
  await expectToast(page, "is now active");
  await page.reload();
  await expect(page.getByLabel("Active: Bakery assistant")).toBeChecked();

  // Delete asks first; cancelling keeps the bot.
  await page.goto(botUrl);
  await page.getByRole("button", { name: "Delete: Bakery assistant" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bakery assistant" })).toBeVisible();
  await page.getByRole("button", { name: "Delete: Bakery assistant" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete for good" }).click();
  await expectToast(page, "was deleted");
  await expect(page).toHaveURL(/\/chatbots$/);
  await expect(page.getByText("You have no chatbots yet.")).toBeVisible();
  expect((await page.goto(botUrl))?.status()).toBe(404);

  // Profile.
  await page.goto("/profile");
  await expect(page.getByTestId("member-since")).toContainText(String(new Date().getFullYear()));
  await page.getByRole("textbox", { name: "First name", exact: true }).fill("Ada");
  await page.getByRole("textbox", { name: "Last name", exact: true }).fill("Baker");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expectToast(page, "Profile saved.");
  await page.reload();
  await expect(page.getByRole("textbox", { name: "First name", exact: true })).toHaveValue("Ada");

  // Password change needs the current password.
  await page.getByRole("textbox", { name: "Current password", exact: true }).fill("not my password at all");
  await page.getByRole("textbox", { name: "New password", exact: true }).fill("a brand new long passphrase");
  await page.getByRole("textbox", { name: "Confirm new password", exact: true }).fill("a brand new long passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not right.").first()).toBeVisible();
  await page.getByRole("textbox", { name: "Current password", exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expectToast(page, "Password changed.");
  // This browser stays signed in.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);

  // Language: Arabic turns the page right-to-left, and the choice is kept on the profile.
  await chooseLanguage(page, /Language/, "العربية");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("لوحة التحكم");
  await page.goto("/profile");
  await expect(page.getByLabel("اللغة المفضلة")).toHaveValue("ar");
  await chooseLanguage(page, /اللغة/, "Deutsch");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ihr Profil");
  await chooseLanguage(page, /Sprache/, "English");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your profile");

  // Theme: dark by default, light on request, and the choice survives a reload with no flash.
  await expect(page.locator("html")).toHaveAttribute("data-bs-theme", "dark");
  // Right after the language reload the button may not be hydrated yet.
  await page.waitForLoadState("networkidle");
  await page.getByTestId("theme-toggle").click();
  await expect(page.locator("html")).toHaveAttribute("data-bs-theme", "light");
  const response = await page.reload();
  expect(await response!.text()).toContain('data-bs-theme="light"');

  // Log out, then log in with the new password.
  await logout(page);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login$/);
  await new LoginPage(page).login(user.username, user.password);
  await expect(page.getByText("The username, email or password is not right.")).toBeVisible();
  await new LoginPage(page).login(user.email, "a brand new long passphrase");
  await expect(page).toHaveURL(/\/dashboard$/);
});
