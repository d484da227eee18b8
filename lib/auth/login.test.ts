import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { makeUser, TEST_PASSWORD } from "@/lib/testing/factories";

vi.hoisted(() => {
  process.env.LOGIN_MAX_FAILURES = "5";
});
const jar = { set: vi.fn() };
vi.mock("next/headers", () => ({ cookies: async () => jar, headers: async () => new Headers() }));
const { authorizeLogin, loginWait } = await import("./login");
const { DEVICE_COOKIE, issueDeviceCookie } = await import("./device");
const { changePassword } = await import("@/lib/db/users");
const NEW_PASSWORD = "a brand new passphrase 2026";

/** A credentials post as Auth.js hands it to authorize: from an unknown address (no trusted proxy). */
const attempt = (identifier: string, password: string, cookie?: string) =>
  authorizeLogin({ identifier, password }, new Request("http://localhost/api/auth/callback/credentials", { method: "POST", headers: cookie ? { cookie } : {} })).then(
    (user) => (user ? "ok" : "wrong"),
    (error: { code?: string }) => error.code ?? String(error),
  );

/** Signs in once (as the owner would have, in their browser) and returns that browser's device cookie. */
async function deviceCookieOf(identifier: string) {
  jar.set.mockClear();
  expect(await attempt(identifier, TEST_PASSWORD)).toBe("ok");
  const [name, value, options] = jar.set.mock.calls.find(([n]) => String(n).endsWith(DEVICE_COOKIE))!;
  expect(options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false, path: "/" });
  expect(options.maxAge).toBeGreaterThan(180 * 24 * 60 * 60);
  return `${name}=${value}`;
}

describe("login lockout (finding 3)", () => {
  beforeEach(() => jar.set.mockClear());

  it("counts failures on the account: its username and its email share one budget", async () => {
    const user = await makeUser();
    for (const identifier of [user.username, user.email, user.username.toUpperCase(), user.email, user.username]) {
      expect(await attempt(identifier, "not the password at all")).toBe("wrong");
    }
    expect(await attempt(user.email, TEST_PASSWORD)).toBe("rate_limited");
    expect(await loginWait(user.username, new Headers())).toBeGreaterThan(14 * 60);
  });

  it("cannot be turned on the owner's browser: a valid device cookie keeps its own budget", async () => {
    const user = await makeUser();
    const ownersBrowser = await deviceCookieOf(user.username);
    // An attacker anywhere locks the account for untrusted clients…
    for (let i = 0; i < 6; i++) await attempt(user.username, "guessing from afar");
    expect(await attempt(user.username, TEST_PASSWORD)).toBe("rate_limited");
    // …and the owner, in the browser they signed in with before, still gets in, by either name.
    expect(await loginWait(user.email, new Headers({ cookie: ownersBrowser }))).toBe(0);
    expect(await attempt(user.email, TEST_PASSWORD, ownersBrowser)).toBe("ok");
  });

  it("trusts no forged, tampered or other account's device cookie", async () => {
    const [user, other] = [await makeUser(), await makeUser()];
    const othersBrowser = await deviceCookieOf(other.username);
    for (let i = 0; i < 5; i++) await attempt(user.username, "guessing from afar");
    const forged = `${DEVICE_COOKIE}=${issueDeviceCookie({ id: user.id, sessionVersion: 0 })!.replace(/.$/, (c) => (c === "A" ? "B" : "A"))}`;
    for (const cookie of [othersBrowser, forged, `${DEVICE_COOKIE}=v1.${user.id}.x.1.y`]) {
      expect(await attempt(user.username, TEST_PASSWORD, cookie)).toBe("rate_limited");
    }
  });

  it("stops trusting the account's device cookies when its password changes (issue 18, finding 8)", async () => {
    const user = await makeUser();
    const ownersBrowser = await deviceCookieOf(user.username);
    // The password is changed (say, after a laptop was stolen): that laptop's cookie is no key any more.
    await changePassword(user, TEST_PASSWORD, NEW_PASSWORD);
    for (let i = 0; i < 5; i++) expect(await attempt(user.username, "the thief guessing", ownersBrowser)).toBe("wrong");
    expect(await attempt(user.username, NEW_PASSWORD, ownersBrowser)).toBe("rate_limited");
    expect(await loginWait(user.username, new Headers({ cookie: ownersBrowser }))).toBeGreaterThan(14 * 60);
  });

  it("limits guesses from a trusted browser on that browser's own budget", async () => {
    const user = await makeUser();
    const browser = await deviceCookieOf(user.username);
    for (let i = 0; i < 5; i++) expect(await attempt(user.username, "a stolen laptop guessing", browser)).toBe("wrong");
    expect(await attempt(user.username, TEST_PASSWORD, browser)).toBe("rate_limited");
    // Untrusted clients' budget was not spent by it.
    expect(await attempt(user.username, TEST_PASSWORD)).toBe("ok");
  });

  it("answers an unknown account like a wrong password, and audits both", async () => {
    const user = await makeUser();
    expect(await attempt(`nobody_${user.id}`, "whatever it is here")).toBe("wrong");
    expect(await attempt(user.username, "whatever it is here")).toBe("wrong");
    expect(await db.auditEvent.count({ where: { action: "login_failed", actorName: { in: [`nobody_${user.id}`, user.username] } } })).toBe(2);
  });
});
