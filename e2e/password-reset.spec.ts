import { createUser, expect, firstAdmin, signedInPage, test } from "./fixtures";
import { LoginPage, expectToast } from "./pages";

// Forgot password → the mail (read from the outbox an admin sees: the suite's server has no SMTP,
// as a fresh installation) → a new password → every old session ended → log in with it.
test("a user who forgot their password gets back in through the mailed link", async ({ page, browser }) => {
  const user = await createUser("forgot");
  const elsewhere = await signedInPage(browser, user);
  const newPassword = "a fresh passphrase from the mail";

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(user.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByTestId("forgot-sent")).toContainText("30 minutes");

  // The server's job loop sends it within a poll or two; the admin's outbox shows it.
  const admin = await firstAdmin(browser);
  const message = admin.page.locator("[data-testid=outbox] li").filter({ hasText: user.email });
  await expect(async () => {
    await admin.page.goto("/admin/mail");
    await expect(message).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await message.getByText("Reset your ChatBot Factory password").click();
  const link = message.getByRole("link");
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
  await admin.page.context().close();

  await page.goto(href);
  await page.getByRole("textbox", { name: "New password", exact: true }).fill(newPassword);
  await page.getByRole("textbox", { name: "Confirm the new password", exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expectToast(page, "Your password is changed");

  // The session opened before the reset has ended; the link is spent.
  await elsewhere.goto("/chatbots");
  await expect(elsewhere).toHaveURL(/\/login$/);
  await page.goto(href);
  await expect(page.getByTestId("reset-invalid")).toBeVisible();

  await new LoginPage(page).login(user.username, newPassword);
  await expect(page).toHaveURL(/\/dashboard$/);
});
