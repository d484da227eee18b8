import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { makeUser, makeUserWithTwoFactor, TEST_PASSWORD } from "@/lib/testing/factories";

vi.hoisted(() => {
  process.env.LOGIN_MAX_FAILURES = "5";
});
const jar = { set: vi.fn(), delete: vi.fn() };
vi.mock("next/headers", () => ({ cookies: async () => jar, headers: async () => new Headers() }));
const { authorizeLogin } = await import("./login");
const { totpCode } = await import("./totp");
const { PENDING_COOKIE, TRUSTED_BROWSER_COOKIE, issueSignedInProof } = await import("./second-factor-cookies");

const T0 = 1_950_000_000_000;
const STEP = 30_000;
const URL_ = "http://localhost/api/auth/callback/credentials";

/** Auth.js's authorize as a post to its endpoint would reach it: "ok", "wrong" or the refusal's code. */
const attempt = (credentials: Record<string, unknown>, cookie = "") =>
  authorizeLogin(credentials, new Request(URL_, { method: "POST", headers: cookie ? { cookie } : {} })).then(
    (user) => (user ? "ok" : "wrong"),
    (error: { code?: string }) => error.code ?? String(error),
  );

/** The cookie a call set under `name` (as `name=value`), with its options. */
const setCookie = (name: string) => {
  const call = jar.set.mock.calls.findLast(([n]) => String(n).endsWith(name));
  return call ? { header: `${call[0]}=${call[1]}`, options: call[2] } : null;
};

/** The password step of a 2FA account: refused with "two_factor_required", and the pending cookie it set. */
async function passwordStep(username: string, extra: Record<string, unknown> = {}, cookie = "") {
  jar.set.mockClear();
  expect(await attempt({ identifier: username, password: TEST_PASSWORD, ...extra }, cookie)).toBe("two_factor_required");
  return setCookie(PENDING_COOKIE)!.header;
}

describe("two-factor sign-in through Auth.js's authorize", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0 + STEP);
    jar.set.mockClear();
  });
  afterEach(() => vi.useRealTimers());

  it("the right password makes no session for a 2FA account: a pending login in a browser-session cookie, then the code finishes it", async () => {
    const { user, secret } = await makeUserWithTwoFactor(T0);
    const pending = await passwordStep(user.username);
    const { options } = setCookie(PENDING_COOKIE)!;
    expect(options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    expect(options.maxAge).toBeUndefined(); // dies with the browser
    expect(options.expires).toBeUndefined();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);

    expect(await attempt({ code: totpCode(secret, T0 + STEP) }, pending)).toBe("ok");
    // The pending login is used up: the next code (even a right one) has nothing to finish.
    expect(await attempt({ code: totpCode(secret, T0 + 2 * STEP) }, pending)).toBe("login_expired");
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "login_ok", detail: "two_factor" } })).toBe(1);
  });

  it("cannot be skipped: a code without the pending cookie, a code with the password, or a forged signed-in proof make no session", async () => {
    const { user, secret } = await makeUserWithTwoFactor(T0);
    const code = totpCode(secret, T0 + STEP);
    expect(await attempt({ code })).toBe("login_expired");
    expect(await attempt({ code }, `${PENDING_COOKIE}=made-up-token`)).toBe("login_expired");
    expect(await attempt({ identifier: user.username, password: TEST_PASSWORD, code })).toBe("two_factor_required");
    expect(await attempt({ identifier: user.username, password: TEST_PASSWORD, signedInProof: "x.0.9999999999.forged" })).toBe("two_factor_required");
    // Another account's pending login does not finish this one's... nor theirs with this account's code.
    const other = await makeUserWithTwoFactor(T0);
    const otherPending = await passwordStep(other.user.username);
    expect(await attempt({ code }, otherPending)).toBe("two_factor_code_invalid");
    // A real proof (only the password-change action makes one, in process) does sign in.
    const fresh = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await attempt({ identifier: user.username, password: TEST_PASSWORD, signedInProof: issueSignedInProof(fresh) })).toBe("ok");
  });

  it("a code replayed within its step is refused at sign-in", async () => {
    const { user, secret } = await makeUserWithTwoFactor(T0);
    const code = totpCode(secret, T0 + STEP);
    expect(await attempt({ code }, await passwordStep(user.username))).toBe("ok");
    expect(await attempt({ code }, await passwordStep(user.username))).toBe("two_factor_code_invalid");
  });

  it("takes a recovery code once", async () => {
    const { user, codes } = await makeUserWithTwoFactor(T0);
    expect(await attempt({ code: codes[0] }, await passwordStep(user.username))).toBe("ok");
    expect(await attempt({ code: codes[0] }, await passwordStep(user.username))).toBe("two_factor_code_invalid");
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "login_ok", detail: "recovery_code" } })).toBe(1);
  });

  it("the pending login expires after five minutes", async () => {
    const { user, secret } = await makeUserWithTwoFactor(T0);
    const pending = await passwordStep(user.username);
    vi.setSystemTime(T0 + STEP + 5 * 60_000 + 1000);
    expect(await attempt({ code: totpCode(secret, Date.now()) }, pending)).toBe("login_expired");
  });

  it("wrong codes spend the login budget (per account and client), and the right password does not give it back", async () => {
    const { user, secret } = await makeUserWithTwoFactor(T0);
    let pending = await passwordStep(user.username); // 1 attempt
    for (let i = 0; i < 3; i++) expect(await attempt({ code: "000000" }, pending)).toBe("two_factor_code_invalid"); // 4
    pending = await passwordStep(user.username); // 5: the password was right, the budget is not reset
    expect(await attempt({ code: totpCode(secret, T0 + STEP) }, pending)).toBe("rate_limited");
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "two_factor_limited" } })).toBe(1);
  });

  it("'Remember this browser' skips the code for 30 days, until the account signs out everywhere", async () => {
    const { user, secret } = await makeUserWithTwoFactor(T0);
    expect(await attempt({ code: totpCode(secret, T0 + STEP), rememberBrowser: "true" }, await passwordStep(user.username))).toBe("ok");
    const trusted = setCookie(TRUSTED_BROWSER_COOKIE)!;
    expect(trusted.options).toMatchObject({ httpOnly: true, sameSite: "lax", maxAge: 30 * 24 * 60 * 60 });
    expect(await attempt({ identifier: user.username, password: TEST_PASSWORD }, trusted.header)).toBe("ok");
    // Not for another account, not tampered, not after 30 days, not after "sign out everywhere".
    const other = await makeUserWithTwoFactor(T0);
    expect(await attempt({ identifier: other.user.username, password: TEST_PASSWORD }, trusted.header)).toBe("two_factor_required");
    expect(await attempt({ identifier: user.username, password: TEST_PASSWORD }, trusted.header.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).toBe("two_factor_required");
    vi.setSystemTime(T0 + 31 * 24 * 60 * 60_000);
    expect(await attempt({ identifier: user.username, password: TEST_PASSWORD }, trusted.header)).toBe("two_factor_required");
    vi.setSystemTime(T0 + 2 * STEP);
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await attempt({ identifier: user.username, password: TEST_PASSWORD }, trusted.header)).toBe("two_factor_required");
  });

  it("an account without 2FA signs in with its password alone, as before", async () => {
    const user = await makeUser();
    expect(await attempt({ identifier: user.username, password: TEST_PASSWORD })).toBe("ok");
    expect(setCookie(PENDING_COOKIE)).toBeNull();
  });
});
