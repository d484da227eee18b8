import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LOGIN_MAX_FAILURES = "3";
  process.env.LOGIN_DAILY_FAILURES_PER_IP = "5";
  process.env.REGISTER_PER_IP_PER_HOUR = "2";
  process.env.TRUSTED_PROXY_HOPS = "1";
  // `npm run test:pg` also runs this file against Redis (TEST_REDIS_URL).
  if (process.env.TEST_REDIS_URL) process.env.REDIS_URL = process.env.TEST_REDIS_URL;
});
const { clientIp } = await import("./ip");
const { buildLimiters, limitStore, loginRetryAfter, reserveLoginAttempt, recordLoginSuccess, takeRegistration } = await import("./limits");

const unique = () => `user${Math.random().toString(36).slice(2)}`;
// Shared stores outlive a run: every test uses addresses of its own.
const ip = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join(".")}`;

describe(`limits (${limitStore()} store)`, () => {
  it("lock an account from one address after the allowed failures, for about the lock time", async () => {
    const who = unique();
    const [here, there] = [ip(), ip()];
    for (let i = 0; i < 2; i++) await reserveLoginAttempt(who, here);
    expect(await loginRetryAfter(who, here)).toBe(0);
    await reserveLoginAttempt(who, here);
    const wait = await loginRetryAfter(who, here);
    expect(wait).toBeGreaterThan(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    // The same account from another address, and another account here, are not locked.
    expect(await loginRetryAfter(who, there)).toBe(0);
    expect(await loginRetryAfter(unique(), here)).toBe(0);
    // Case and spaces do not make a new account.
    expect(await loginRetryAfter(` ${who.toUpperCase()} `, here)).toBe(wait);
  });

  it("forget an account's failures after it logs in", async () => {
    const who = unique();
    const here = ip();
    for (let i = 0; i < 2; i++) await reserveLoginAttempt(who, here);
    await recordLoginSuccess(who, here);
    await reserveLoginAttempt(who, here);
    expect(await loginRetryAfter(who, here)).toBe(0);
  });

  it("let exactly the allowed number of a concurrent burst through to the password check", async () => {
    const who = unique();
    const here = ip();
    const waits = await Promise.all(Array.from({ length: 10 }, () => reserveLoginAttempt(who, here)));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
    expect(await loginRetryAfter(who, here)).toBeGreaterThan(14 * 60);
  });

  it("cap one address's failures per day, across accounts", async () => {
    const here = ip();
    for (let i = 0; i < 5; i++) await reserveLoginAttempt(unique(), here);
    expect(await loginRetryAfter(unique(), here)).toBeGreaterThan(23 * 60 * 60);
    expect(await loginRetryAfter(unique(), ip())).toBe(0);
  });

  it("limit registrations per known address, and leave an unknown address to the other limits", async () => {
    const here = ip();
    expect(await takeRegistration(here)).toBe(0);
    expect(await takeRegistration(here)).toBe(0);
    const wait = await takeRegistration(here);
    expect(wait).toBeGreaterThan(59 * 60);
    expect(wait).toBeLessThanOrEqual(60 * 60);
    expect(await takeRegistration(ip())).toBe(0);
    for (let i = 0; i < 5; i++) expect(await takeRegistration(null)).toBe(0);
  });

  it("share counts between two app instances exactly when the store is shared", async () => {
    // Two sets of limiters, each with its own connection: what two app instances have.
    const [a, b] = [buildLimiters(), buildLimiters()];
    const key = unique();
    await a.chatUser.consume(key, 3);
    await b.chatUser.consume(key, 2);
    const seen = await Promise.all([a.chatUser.get(key), b.chatUser.get(key)]);
    expect(seen.map((r) => r?.consumedPoints)).toEqual(limitStore() === "memory" ? [3, 2] : [5, 5]);
  });

  it("read the address only from the trusted proxy's X-Forwarded-For entry", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers())).toBeNull();
  });
});
