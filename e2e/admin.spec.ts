import { expect, test } from "@playwright/test";
import { sql } from "./db";
import { LoginPage, RegisterPage, uniqueUser } from "./pages";

test("the first account administers: it promotes, demotes, deactivates (signing out) and reactivates users; others get 404", async ({ browser }) => {
  // Every test user shares one password, so the installation's first account can log in here.
  const users = await sql(`SELECT username, role FROM "User" ORDER BY "createdAt" ASC`);
  const member = uniqueUser("member");
  const memberPage = await browser.newPage();
  if (!users.length) await new RegisterPage(await browser.newPage()).register(uniqueUser("first"));
  const [first] = await sql(`SELECT username, role FROM "User" ORDER BY "createdAt" ASC`);
  expect(first.role).toBe("ADMIN");
  await new RegisterPage(memberPage).register(member);
  expect((await sql(`SELECT role FROM "User" WHERE username = $1`, [member.username]))[0].role).toBe("USER");

  expect((await memberPage.goto("/admin"))?.status()).toBe(404);
  await expect(memberPage.getByRole("link", { name: "Admin" })).toHaveCount(0);

  const adminPage = await browser.newPage();
  await new LoginPage(adminPage).login(String(first.username), member.password);
  await expect(adminPage).toHaveURL(/\/dashboard$/);
  await adminPage.getByRole("link", { name: "Admin" }).click();
  await adminPage.getByLabel("Search by username or email").fill(member.username);
  await adminPage.getByRole("button", { name: "Search" }).click();
  const row = adminPage.getByTestId("admin-users").getByRole("row").filter({ hasText: member.username });
  await expect(row).toContainText("User");

  await row.getByRole("button", { name: `Make admin ${member.username}` }).click();
  await expect(row).toContainText("Admin");
  await memberPage.goto("/admin");
  await expect(memberPage.getByRole("heading", { name: "Users" })).toBeVisible();
  await row.getByRole("button", { name: `Remove admin ${member.username}` }).click();
  await expect(row.getByRole("button", { name: `Make admin ${member.username}` })).toBeVisible();
  expect((await memberPage.goto("/admin"))?.status()).toBe(404);

  await row.getByRole("button", { name: `Deactivate ${member.username}` }).click();
  await expect(row).toContainText("Deactivated");
  await memberPage.goto("/dashboard");
  await expect(memberPage).toHaveURL(/\/login$/);
  await row.getByRole("button", { name: `Reactivate ${member.username}` }).click();
  await expect(row).toContainText("Active");
  await new LoginPage(memberPage).login(member.username, member.password);
  await expect(memberPage).toHaveURL(/\/dashboard$/);
});
