import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LOGIN_MAX_FAILURES = "3";
  process.env.LOGIN_DAILY_FAILURES_PER_IP = "5";
  process.env.REGISTER_PER_IP_PER_HOUR = "2";
  process.env.REGISTER_UNKNOWN_IP_PER_HOUR = "4";
  process.env.TRUSTED_PROXY_HOPS = "1";
  // `npm run test:pg` also runs this file against Redis (TEST_REDIS_URL).
  if (process.env.TEST_REDIS_URL) process.env.REDIS_URL = process.env.TEST_REDIS_URL;
});
const { clientIp } = await import("./ip");
const processWide = globalThis as { chatbotFactoryLimiters?: unknown };
const { buildLimiters, isLimiterRefusal, takeChatMessage, limitStore, loginRetryAfter, reserveLoginAttempt, recordLoginSuccess, takeRegistration } = await import("./limits");

const k = (account: string, ip: string | null, device: string | null = null) => ({ account, ip, device });
const unique = () => `user${Math.random().toString(36).slice(2)}`;
// Shared stores outlive a run: every test uses addresses of its own.
const ip = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join(".")}`;

describe(`limits (${limitStore()} store)`, () => {
  it("lock an account from one address after the allowed failures, for about the lock time", async () => {
    const who = unique();
    const [here, there] = [ip(), ip()];
    for (let i = 0; i < 2; i++) await reserveLoginAttempt(k(who, here));
    expect(await loginRetryAfter(k(who, here))).toBe(0);
    await reserveLoginAttempt(k(who, here));
    const wait = await loginRetryAfter(k(who, here));
    expect(wait).toBeGreaterThan(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    // The same account from another address, and another account here, are not locked.
    expect(await loginRetryAfter(k(who, there))).toBe(0);
    expect(await loginRetryAfter(k(unique(), here))).toBe(0);
  });

  it("forget an account's failures after it logs in", async () => {
    const who = unique();
    const here = ip();
    for (let i = 0; i < 2; i++) await reserveLoginAttempt(k(who, here));
    await recordLoginSuccess(k(who, here));
    await reserveLoginAttempt(k(who, here));
    expect(await loginRetryAfter(k(who, here))).toBe(0);
  });

  it("let exactly the allowed number of a concurrent burst through to the password check", async () => {
    const who = unique();
    const here = ip();
    const waits = await Promise.all(Array.from({ length: 10 }, () => reserveLoginAttempt(k(who, here))));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
    expect(await loginRetryAfter(k(who, here))).toBeGreaterThan(14 * 60);
  });

  it("cap one address's failures per day, across accounts", async () => {
    const here = ip();
    for (let i = 0; i < 5; i++) await reserveLoginAttempt(k(unique(), here));
    expect(await loginRetryAfter(k(unique(), here))).toBeGreaterThan(23 * 60 * 60);
    expect(await loginRetryAfter(k(unique(), ip()))).toBe(0);
  });

  it("limit registrations per known address, and unknown addresses together in one bucket (finding 4)", async () => {
    const here = ip();
    expect(await takeRegistration(here)).toBe(0);
    expect(await takeRegistration(here)).toBe(0);
    const wait = await takeRegistration(here);
    expect(wait).toBeGreaterThan(59 * 60);
    expect(wait).toBeLessThanOrEqual(60 * 60);
    expect(await takeRegistration(ip())).toBe(0);
    // With no trusted proxy every client's address is unknown: they share REGISTER_UNKNOWN_IP_PER_HOUR.
    const unknown = await Promise.all(Array.from({ length: 6 }, () => takeRegistration(null)));
    // (A shared store keeps the bucket between runs: the wait is somewhere within the hour.)
    expect(unknown.filter((w) => w === 0).length).toBeLessThanOrEqual(4);
    expect(Math.max(...unknown)).toBeGreaterThan(0);
    expect(Math.max(...unknown)).toBeLessThanOrEqual(60 * 60);
  });

  it("lock an account, not a browser it signed in with before (device cookie, finding 3)", async () => {
    const account = `id:${unique()}`;
    const device = `${account}.${unique()}`;
    // An attacker anywhere spends the untrusted budget and locks it…
    for (let i = 0; i < 3; i++) await reserveLoginAttempt(k(account, null));
    expect(await loginRetryAfter(k(account, null))).toBeGreaterThan(14 * 60);
    // …while the owner's browser, with its device cookie, has its own budget, and its own lock.
    expect(await loginRetryAfter(k(account, null, device))).toBe(0);
    const waits = await Promise.all(Array.from({ length: 5 }, () => reserveLoginAttempt(k(account, null, device))));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
    expect(await loginRetryAfter(k(account, null, `${account}.${unique()}`))).toBe(0);
  });

  it("recognise a limiter's refusal from any copy of the library, never an error (finding 5)", async () => {
    // What another bundle's copy of rate-limiter-flexible rejects with: no instance of this copy's RateLimiterRes.
    const foreign = { msBeforeNext: 1500, remainingPoints: 0, consumedPoints: 31, isFirstInDuration: false };
    expect(isLimiterRefusal(foreign)).toBe(true);
    expect(isLimiterRefusal(new Error("connection refused"))).toBe(false);
    expect(isLimiterRefusal(null)).toBe(false);
    const limiters = buildLimiters();
    vi.spyOn(limiters.chatUser, "consume").mockRejectedValue(foreign);
    processWide.chatbotFactoryLimiters = limiters;
    try {
      expect(await takeChatMessage(unique())).toBe(2);
    } finally {
      delete processWide.chatbotFactoryLimiters;
    }
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
