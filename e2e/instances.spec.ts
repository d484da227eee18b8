import { expect, test } from "@playwright/test";
import Redis from "ioredis";
import { sql, userId } from "./db";
import { LoginPage, RegisterPage, uniqueUser } from "./pages";
import { PORTS } from "./ports";
import { startServer } from "./server";

// SECURITY.md #43: limits hold across app instances sharing a store. With PostgreSQL the counts
// live in the database, or in Redis when REDIS_URL is set; with SQLite they live in each
// process's memory (one instance by design), so these run in the PostgreSQL run.
const url = process.env.E2E_DATABASE_URL ?? "";
const REDIS = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";

for (const [store, env, ports] of [
  ["PostgreSQL", {}, PORTS.instancesPostgres],
  ["Redis", { REDIS_URL: REDIS }, PORTS.instancesRedis],
] as const) {
  test(`failed logins counted on two instances add up to one lock (limits in ${store})`, async ({ browser }) => {
    test.skip(!url.startsWith("postgresql://"), "the SQLite setup runs one instance, with its limits in memory");
    const servers = await Promise.all(ports.map((port) => startServer(port, { DATABASE_URL: url, ...env }, { migrate: false })));
    try {
      const user = uniqueUser("twoinst");
      const [one, two] = await Promise.all(servers.map((s) => browser.newPage({ baseURL: s.url })));
      await new RegisterPage(one).register(user);
      await one.context().clearCookies();
      for (let i = 0; i < 5; i++) {
        const page = i % 2 ? two : one;
        await new LoginPage(page).login(user.username, `wrong password number ${i}`);
        await expect(page.getByText("The username, email or password is not right.")).toBeVisible();
      }
      // Three failures on one and two on the other: both now refuse even the right password.
      for (const page of [one, two]) {
        await new LoginPage(page).login(user.username, user.password);
        await expect(page.getByText(/Too many failed attempts/)).toBeVisible();
      }
      // And the count is where this setup says it is: the resolved account's, from the socket's address (no proxy trusted).
      const key = `login_fail_account:id:${await userId(user.username)}|127.0.0.1`;
      if (store === "Redis") {
        const redis = new Redis(REDIS);
        expect(await redis.exists(key)).toBe(1);
        redis.disconnect();
      } else {
        expect(await sql(`SELECT points FROM "RateLimiterFlexible" WHERE key = $1`, [key])).toHaveLength(1);
      }
    } finally {
      servers.forEach((s) => s.stop());
      await Promise.all(servers.map((s) => s.exited));
    }
  });
}
