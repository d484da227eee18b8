import { Secret, TOTP } from "otpauth";
import { seriousViolations } from "./axe";
import { expect, signedInPage, test } from "./fixtures";
import { LoginPage, logout } from "./pages";

// Two-factor sign-in as a user meets it (docs/accounts-2fa.md): the profile's setup, then logins
// with a code and with a recovery code; and the sessions list's per-session sign-out. The cases
// that need no browser (replay, drift, expiry, limits, skipping the step) are in vitest and wire.spec.ts.

/** The authenticator app: the code for now, or `steps` time steps later (one step of drift is accepted). */
const codeOf = (secret: string, steps = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });

test("sessions list: this browser marked, another signed out from here", async ({ page, browser, user }) => {
  const other = await signedInPage(browser, user);
  await page.goto("/profile/security");
  const sessions = page.getByTestId("session");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: "This browser" })).toHaveCount(1);
  await sessions.filter({ hasNotText: "This browser" }).getByRole("button", { name: /Sign out/ }).click();
  await expect(sessions).toHaveCount(1);
  await other.goto("/dashboard");
  await expect(other).toHaveURL(/\/login$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  // The event is in the account's security events.
  await page.goto("/profile/security");
  await expect(page.getByTestId("security-events")).toContainText("Signed out one session");
});

test("switch on two-factor sign-in, log out, log in with a code, log out, log in with a recovery code", async ({ page, user }) => {
  await page.goto("/profile/security");
  await page.getByRole("button", { name: "Switch on two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  expect(await seriousViolations(page), "/profile/security while setting up").toEqual([]);
  const secret = await page.locator('input[name="totpSecret"]').inputValue();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByRole("textbox", { name: "Code" }).fill(codeOf(secret));
  await page.getByRole("button", { name: "Confirm and switch on" }).click();
  const codes = page.getByTestId("recovery-code");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText("10 recovery codes left.")).toBeVisible();
  await logout(page);

  // Password, then the code: a wrong one first shows one message under the form.
  const login = new LoginPage(page);
  await login.login(user.username, user.password);
  await expect(page).toHaveURL(/\/login\/verify$/);
  const code = page.getByRole("textbox", { name: "Code" });
  const verify = page.getByRole("button", { name: "Verify and log in" });
  for (let i = 0; i < 2; i++) {
    await code.fill("000000");
    await verify.click();
    await expect(page.getByRole("alert").filter({ hasText: "That code is not right" })).toHaveCount(1);
  }
  expect(await seriousViolations(page), "/login/verify with its error").toEqual([]);
  // The setup's code was taken for its step: the next step's code (one step of drift) signs in.
  await code.fill(codeOf(secret, 1));
  await verify.click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await logout(page);

  await login.login(user.username, user.password);
  await expect(page).toHaveURL(/\/login\/verify$/);
  await code.fill(recovery);
  await verify.click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/profile/security");
  await expect(page.getByText("9 recovery codes left.")).toBeVisible();
  await expect(page.getByTestId("security-events")).toContainText("Recovery code used");
});
