import type { BrowserContext } from "@playwright/test";
import { sql } from "./db";
import { createUser, expect, signedInPage, test } from "./fixtures";
import { LoginPage, RegisterPage, logout, uniqueUser } from "./pages";

const sessionCookie = async (context: BrowserContext) =>
  (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));

test("without Remember me the session cookie ends with the browser; with it, it lasts 30 days", async ({ page, context }) => {
  const user = await createUser("remember");

  await new LoginPage(page).login(user.username, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  const browserSession = await sessionCookie(context);
  expect(browserSession?.expires).toBe(-1);
  expect(browserSession?.httpOnly).toBe(true);
  expect(browserSession?.sameSite).toBe("Lax");

  await context.clearCookies();
  await new LoginPage(page).login(user.email, user.password, { remember: true });
  await expect(page).toHaveURL(/\/dashboard$/);
  const remembered = await sessionCookie(context);
  const days = (remembered!.expires - Date.now() / 1000) / 86400;
  expect(days).toBeGreaterThan(29.9);
  expect(days).toBeLessThanOrEqual(30);
});

test("without Remember me an hour unused ends the session; with it, it does not", async ({ browser }) => {
  const user = await createUser("idle");
  const [plain, remembered] = [await browser.newPage(), await browser.newPage()];
  await new LoginPage(plain).login(user.username, user.password);
  await expect(plain).toHaveURL(/\/dashboard$/);
  await new LoginPage(remembered).login(user.username, user.password, { remember: true });
  await expect(remembered).toHaveURL(/\/dashboard$/);
  // Both sessions last used 61 minutes ago (the default idle limit is 60).
  await sql(`UPDATE "Session" SET "updatedAt" = $1 WHERE "userId" = (SELECT id FROM "User" WHERE username = $2)`, [new Date(Date.now() - 61 * 60_000), user.username]);
  await plain.goto("/chatbots");
  await expect(plain).toHaveURL(/\/login$/);
  await remembered.goto("/chatbots");
  await expect(remembered).toHaveURL(/\/chatbots$/);
});

test("logged-out visits to dashboard pages go to the login page", async ({ page }) => {
  for (const path of ["/dashboard", "/chatbots", "/chatbots/new", "/chatbots/some-id", "/chatbots/some-id/edit", "/profile"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/login$/);
  }
});

test("a password change signs out the user's other sessions", async ({ browser }) => {
  const user = await createUser("twodevices");
  const laptop = await signedInPage(browser, user);
  const phone = await browser.newPage();
  await new LoginPage(phone).login(user.username, user.password);
  await expect(phone).toHaveURL(/\/dashboard$/);

  await laptop.goto("/profile");
  await laptop.getByRole("textbox", { name: "Current password", exact: true }).fill(user.password);
  await laptop.getByRole("textbox", { name: "New password", exact: true }).fill("another long passphrase");
  await laptop.getByRole("textbox", { name: "Confirm new password", exact: true }).fill("another long passphrase");
  await laptop.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.getByTestId("toast-success")).toBeVisible();

  await phone.goto("/chatbots");
  await expect(phone).toHaveURL(/\/login$/);
  await laptop.goto("/chatbots");
  await expect(laptop).toHaveURL(/\/chatbots$/);
});

test("a deactivated account is signed out at once and cannot log in", async ({ page, user }) => {
  // Signed in (the fixture), as the dashboard below shows.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  await sql(`UPDATE "User" SET "isActive" = $1 WHERE username = $2`, [false, user.username]);

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login$/);
  await new LoginPage(page).login(user.username, user.password);
  await expect(page.getByText("This account has been deactivated.")).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password and an unknown account get the same answer", async ({ page }) => {
  const login = new LoginPage(page);
  await login.login("nobody-here", "whatever whatever");
  await expect(page.getByText("The username, email or password is not right.")).toBeVisible();
});

test("sign out everywhere ends the sessions on every device", async ({ browser }) => {
  const user = await createUser("everywhere");
  const laptop = await signedInPage(browser, user);
  const phone = await browser.newPage();
  await new LoginPage(phone).login(user.username, user.password, { remember: true });
  await expect(phone).toHaveURL(/\/dashboard$/);

  await laptop.goto("/profile");
  await laptop.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(laptop).toHaveURL(/\/login$/);
  await phone.goto("/dashboard");
  await expect(phone).toHaveURL(/\/login$/);
});

test("a cookie copied before logout is refused after it, and a cookie planted before login is never honoured", async ({ page, context, browser }) => {
  const user = await createUser("replay");
  await context.addCookies([{ name: "authjs.session-token", value: "planted-by-someone-else", url: "http://127.0.0.1" }]);
  await new LoginPage(page).login(user.username, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  const copied = await sessionCookie(context);
  expect(copied?.value).not.toBe("planted-by-someone-else");

  const thief = await browser.newContext();
  await thief.addCookies([{ name: copied!.name, value: copied!.value, url: "http://127.0.0.1" }]);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/dashboard");
  await expect(thiefPage).toHaveURL(/\/dashboard$/);

  await logout(page);
  await thiefPage.goto("/dashboard");
  await expect(thiefPage).toHaveURL(/\/login$/);
  await thief.close();
});

test("repeated wrong passwords lock the account for a while, in the page and over plain HTTP", async ({ page, request }) => {
  const user = await createUser("flood");
  const login = new LoginPage(page);
  for (let i = 0; i < 5; i++) {
    await login.login(user.username, `wrong password number ${i}`);
    await expect(page.getByText("The username, email or password is not right.")).toBeVisible();
  }
  // Now even the right password waits, and the page says for how long.
  await login.login(user.username, user.password);
  await expect(page.getByText(/Too many failed attempts\. Try again in 1[45] minutes\./)).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);

  // Posted straight to Auth.js's endpoint: 429 with Retry-After, before any password check.
  const csrf = await (await request.get("/api/auth/csrf")).json();
  const direct = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, identifier: user.username, password: user.password },
    maxRedirects: 0,
  });
  expect(direct.status()).toBe(429);
  expect(Number(direct.headers()["retry-after"])).toBeGreaterThan(800);

  // Another account is not affected.
  const other = uniqueUser("notflooded");
  await new RegisterPage(page).register(other);
});
