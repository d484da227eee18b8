import { expect, test } from "@playwright/test";
import { LoginPage, RegisterPage, uniqueUser } from "./pages";
import { startServer } from "./server";

// SECURITY.md #43: limits hold across app instances sharing a store. With PostgreSQL the counts
// live in the database; with SQLite they live in each process's memory (one instance by design).
const url = process.env.E2E_DATABASE_URL ?? "";

test("failed logins counted on two instances add up to one lock", async ({ browser }) => {
  test.skip(!url.startsWith("postgresql://"), "the SQLite setup runs one instance, with its limits in memory");
  test.setTimeout(120_000);
  const second = await startServer(3101, { DATABASE_URL: url });
  try {
    const user = uniqueUser("twoinst");
    const onFirst = await browser.newPage();
    await new RegisterPage(onFirst).register(user);
    await onFirst.context().clearCookies();
    const onSecond = await browser.newPage({ baseURL: second.url });
    const wrong = "The username, email or password is not right.";
    for (let i = 0; i < 5; i++) {
      const page = i % 2 ? onSecond : onFirst;
      await new LoginPage(page).login(user.username, `wrong password number ${i}`);
      await expect(page.getByText(wrong)).toBeVisible();
    }
    // Three failures here and two there: both instances now refuse even the right password.
    for (const page of [onFirst, onSecond]) {
      await new LoginPage(page).login(user.username, user.password);
      await expect(page.getByText(/Too many failed attempts/)).toBeVisible();
    }
  } finally {
    second.stop();
    await second.exited;
  }
});
