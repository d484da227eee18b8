import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LOGIN_MAX_FAILURES = "3";
  process.env.LOGIN_DAILY_FAILURES_PER_IP = "5";
  process.env.TRUSTED_PROXY_HOPS = "1";
});
const { clientIp, loginRetryAfter, recordLoginFailure, recordLoginSuccess } = await import("./limiter");

const unique = () => `user${Math.random().toString(36).slice(2)}`;

describe("login limits", () => {
  it("lock an account from one address after the allowed failures, for about the lock time", async () => {
    const who = unique();
    for (let i = 0; i < 2; i++) await recordLoginFailure(who, "10.9.9.1");
    expect(await loginRetryAfter(who, "10.9.9.1")).toBe(0);
    await recordLoginFailure(who, "10.9.9.1");
    const wait = await loginRetryAfter(who, "10.9.9.1");
    expect(wait).toBeGreaterThan(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    // The same account from another address, and another account here, are not locked.
    expect(await loginRetryAfter(who, "10.9.9.2")).toBe(0);
    expect(await loginRetryAfter(unique(), "10.9.9.1")).toBe(0);
    // Case and spaces do not make a new account.
    expect(await loginRetryAfter(` ${who.toUpperCase()} `, "10.9.9.1")).toBe(wait);
  });

  it("forget an account's failures after it logs in", async () => {
    const who = unique();
    for (let i = 0; i < 2; i++) await recordLoginFailure(who, "10.9.9.3");
    await recordLoginSuccess(who, "10.9.9.3");
    await recordLoginFailure(who, "10.9.9.3");
    expect(await loginRetryAfter(who, "10.9.9.3")).toBe(0);
  });

  it("cap one address's failures per day, across accounts", async () => {
    for (let i = 0; i < 5; i++) await recordLoginFailure(unique(), "10.9.9.4");
    expect(await loginRetryAfter(unique(), "10.9.9.4")).toBeGreaterThan(23 * 60 * 60);
    expect(await loginRetryAfter(unique(), "10.9.9.5")).toBe(0);
  });

  it("read the address only from the trusted proxy's X-Forwarded-For entry", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers())).toBeNull();
  });
});
