import { sql } from "./db";
import { adminUser, expect, firstAdmin, test } from "./fixtures";
import { ChatbotFormPage, LoginPage, RegisterPage, expectToast, uniqueUser } from "./pages";

test("the first account administers: it promotes, demotes, deactivates (signing out) and reactivates users; others get 404", async ({ browser }) => {
  // The installation's first account registered through the form in e2e/auth.setup.ts.
  const member = uniqueUser("member");
  const memberPage = await browser.newPage();
  const [first] = await sql(`SELECT username, role FROM "User" ORDER BY "createdAt" ASC`);
  expect(first.username).toBe(adminUser().username);
  expect(first.role).toBe("ADMIN");
  await new RegisterPage(memberPage).register(member);
  expect((await sql(`SELECT role FROM "User" WHERE username = $1`, [member.username]))[0].role).toBe("USER");

  expect((await memberPage.goto("/admin"))?.status()).toBe(404);
  await expect(memberPage.getByRole("link", { name: "Admin" })).toHaveCount(0);

  const { page: adminPage } = await firstAdmin(browser);
  await adminPage.goto("/dashboard");
  await adminPage.getByRole("link", { name: "Admin" }).click();
  await adminPage.getByLabel("Search by username or email").fill(member.username);
  await adminPage.getByRole("button", { name: "Search" }).click();
  const row = adminPage.getByTestId("admin-users").getByRole("row").filter({ hasText: member.username });
  await expect(row).toContainText("User");

  await row.getByRole("button", { name: `Make admin ${member.username}` }).click();
  await expect(row).toContainText("Admin");
  // A role change signs the user out; signed in again, they administer.
  await memberPage.goto("/admin");
  await expect(memberPage).toHaveURL(/\/login$/);
  await new LoginPage(memberPage).login(member.username, member.password);
  await expect(memberPage).toHaveURL(/\/dashboard$/);
  await memberPage.goto("/admin");
  await expect(memberPage.getByRole("heading", { name: "Administration" })).toBeVisible();
  await row.getByRole("button", { name: `Remove admin ${member.username}` }).click();
  await expect(row.getByRole("button", { name: `Make admin ${member.username}` })).toBeVisible();
  // The demoted admin's very next request reaches nothing of the panel.
  await memberPage.reload();
  await expect(memberPage.getByRole("heading", { name: "Administration" })).toHaveCount(0);
  await new LoginPage(memberPage).login(member.username, member.password);
  await expect(memberPage).toHaveURL(/\/dashboard$/);
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

test("an admin lists every bot and switches one off for good; the audit log shows who did what, never a password", async ({ browser }) => {
  const owner = uniqueUser("owner");
  const ownerPage = await browser.newPage();
  await new RegisterPage(ownerPage).register(owner);
  const botId = await new ChatbotFormPage(ownerPage).create({ name: `Shop of ${owner.username}` });
  // A failed login to find in the log, with a password that must not be there.
  const stranger = await browser.newPage();
  await new LoginPage(stranger).login(owner.username, "not-the-password-at-all-9");
  await expect(stranger.getByText("The username, email or password is not right.").first()).toBeVisible();

  // Logged in through the form, not from the saved state: that login is what the audit log shows below.
  const admin = { page: await browser.newPage(), username: adminUser().username };
  await new LoginPage(admin.page).login(admin.username, adminUser().password);
  await expect(admin.page).toHaveURL(/\/dashboard$/);
  await admin.page.goto("/admin/bots");
  await admin.page.getByLabel("Search by bot name or owner").fill(owner.username);
  await admin.page.getByRole("button", { name: "Search" }).click();
  const row = admin.page.getByTestId("admin-bots").getByRole("row").filter({ hasText: `Shop of ${owner.username}` });
  await expect(row).toContainText(owner.username);
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: `Deactivate Shop of ${owner.username}` }).click();
  await expectToast(admin.page, "its owner cannot switch it back on");
  await expect(row).toContainText("Switched off by an admin");

  // The owner sees why, and cannot switch it back on.
  await ownerPage.goto(`/chatbots/${botId}`);
  await expect(ownerPage.getByText("Switched off by an administrator.")).toBeVisible();
  await expect(ownerPage.getByRole("switch", { name: `Active: Shop of ${owner.username}` }).or(ownerPage.getByLabel(`Active: Shop of ${owner.username}`))).toBeDisabled();

  await row.getByRole("button", { name: `Reactivate Shop of ${owner.username}` }).click();
  await expect(row).toContainText("Active");
  await ownerPage.reload();
  await expect(ownerPage.getByText("Switched off by an administrator.")).toHaveCount(0);

  await admin.page.goto("/admin/audit");
  const log = admin.page.getByTestId("admin-audit");
  await expect(log.getByRole("row").filter({ hasText: "Bot switched by an admin" }).filter({ hasText: `Shop of ${owner.username}` }).first()).toContainText(admin.username);
  await expect(log.getByRole("row").filter({ hasText: "Failed login" }).filter({ hasText: owner.username }).first()).toBeVisible();
  await expect(log.getByRole("row").filter({ hasText: "Registered" }).filter({ hasText: owner.username }).first()).toBeVisible();
  await admin.page.getByLabel("Event").selectOption({ label: "Logged in" });
  await admin.page.getByRole("button", { name: "Show" }).click();
  await expect(log.getByRole("row").filter({ hasText: "Failed login" })).toHaveCount(0);
  await expect(log.getByRole("row").filter({ hasText: admin.username }).first()).toContainText("Logged in");
  const rows = await sql(`SELECT * FROM "AuditEvent"`);
  expect(JSON.stringify(rows)).not.toContain("not-the-password-at-all-9");
  expect(JSON.stringify(rows)).not.toContain(owner.password);
});
