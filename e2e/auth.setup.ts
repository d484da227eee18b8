import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test as setup } from "@playwright/test";
import { sql } from "./db";
import { ADMIN_STATE, ADMIN_USER } from "./fixtures";
import { LoginPage, RegisterPage, uniqueUser } from "./pages";

// Runs before every other project: the fresh installation's first account registers through the
// form (so it becomes the admin the way a real one does), then logs in through the login form,
// and the signed-in browser is saved for the tests that act as the admin (e2e/.auth, gitignored).
setup("the installation's first account registers and is saved signed in", async ({ page }) => {
  expect(await sql(`SELECT id FROM "User"`), "the e2e server starts on an empty database").toEqual([]);
  const admin = uniqueUser("first");
  await new RegisterPage(page).register(admin);
  await page.context().clearCookies();
  await new LoginPage(page).login(admin.username, admin.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  mkdirSync("e2e/.auth", { recursive: true });
  await page.context().storageState({ path: ADMIN_STATE });
  writeFileSync(ADMIN_USER, JSON.stringify(admin));
});
