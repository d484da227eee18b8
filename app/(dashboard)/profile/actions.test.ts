import { beforeEach, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { TEST_PASSWORD, makeUser, makeUserWithTwoFactor } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { changePasswordAction, signOutEverywhereAction, updateProfileAction } from "./actions";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const cookieJar = { set: vi.fn(), get: vi.fn(), getAll: vi.fn(() => []) };
vi.mock("next/headers", () => ({ cookies: async () => cookieJar }));
const signIn = vi.fn();
const signOut = vi.fn();
vi.mock("@/lib/auth/auth", () => ({ signIn: (...args: unknown[]) => signIn(...args), signOut: (...args: unknown[]) => signOut(...args) }));

describe("profile actions", () => {
  beforeEach(() => {
    actAs(null);
    signIn.mockReset();
  });

  it("with no session write nothing", async () => {
    const user = await makeUser();
    expect(await updateProfileAction({ firstName: "X", lastName: "", email: user.email, locale: "de" })).toEqual({ ok: false, code: "unauthenticated" });
    expect(await changePasswordAction({ currentPassword: TEST_PASSWORD, newPassword: "x".repeat(20), confirmNewPassword: "x".repeat(20) })).toEqual({
      ok: false,
      code: "unauthenticated",
    });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.firstName).toBe("");
    expect(await verifyPassword(TEST_PASSWORD, row.passwordHash)).toBe(true);
  });

  it("update only the signed-in user's own profile, whatever id or role is posted", async () => {
    const other = await makeUser();
    const user = await makeUser();
    actAs(user);
    const result = await updateProfileAction({ id: other.id, role: "ADMIN", firstName: "Ada", lastName: "B", email: user.email, locale: "de" });
    expect(result).toEqual({ ok: true, data: { emailChange: null } });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ firstName: "Ada", locale: "de", role: "USER" });
    expect(await db.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ firstName: "" });
    expect(cookieJar.set).toHaveBeenCalledWith("NEXT_LOCALE", "de", expect.anything());
  });

  it("change the password only with the current one, then sign this browser in again", async () => {
    const user = await makeUser();
    actAs(user);
    const wrong = await changePasswordAction({ currentPassword: "not the password", newPassword: "a new long passphrase", confirmNewPassword: "a new long passphrase" });
    expect(wrong).toEqual({ ok: false, code: "invalid_data", fieldErrors: { currentPassword: "password_incorrect" } });
    expect(signIn).not.toHaveBeenCalled();

    const right = await changePasswordAction({ currentPassword: TEST_PASSWORD, newPassword: "a new long passphrase", confirmNewPassword: "a new long passphrase" });
    expect(right).toEqual({ ok: true, data: undefined });
    expect(signIn).toHaveBeenCalledWith("credentials", expect.objectContaining({ identifier: user.username, password: "a new long passphrase" }));
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);
  });

  it("with two-factor sign-in on, the fresh session after a password change asks for no code (an in-process proof), and the proof is for this account only", async () => {
    const { user } = await makeUserWithTwoFactor();
    actAs(user);
    const result = await changePasswordAction({ currentPassword: TEST_PASSWORD, newPassword: "a new long passphrase", confirmNewPassword: "a new long passphrase" });
    expect(result).toEqual({ ok: true, data: undefined });
    const credentials = signIn.mock.calls[0][1] as Record<string, unknown>;
    expect(credentials.signedInProof).toEqual(expect.any(String));
    const { authorizeLogin } = await import("@/lib/auth/login");
    const request = () => new Request("http://localhost/api/auth/callback/credentials", { method: "POST" });
    await expect(authorizeLogin(credentials, request())).resolves.toMatchObject({ id: user.id });
    // The same proof with another account's right password: that account still owes its code.
    const other = await makeUserWithTwoFactor();
    await expect(authorizeLogin({ ...credentials, identifier: other.user.username, password: TEST_PASSWORD }, request())).rejects.toMatchObject({ code: "two_factor_required" });
  });
});

describe("guessing the current password from a session (finding 6)", () => {
  beforeEach(() => signIn.mockReset());

  it("is limited like logins and audited, and the right password waits too once locked", async () => {
    const user = await makeUser();
    actAs(user);
    const change = (currentPassword: string) => changePasswordAction({ currentPassword, newPassword: "a new long passphrase", confirmNewPassword: "a new long passphrase" });
    // A burst gets exactly the allowed checks (LOGIN_MAX_FAILURES, 5 by default).
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => change(`guess number ${i} here`)));
    expect(burst.filter((r) => !r.ok && r.code === "invalid_data")).toHaveLength(5);
    const limited = burst.filter((r) => !r.ok && r.code === "rate_limited");
    expect(limited).toHaveLength(3);
    expect(limited[0].ok === false && limited[0].retryAfter).toBeGreaterThan(14 * 60);
    expect(await change(TEST_PASSWORD)).toMatchObject({ ok: false, code: "rate_limited" });
    expect(signIn).not.toHaveBeenCalled();
    expect(await verifyPassword(TEST_PASSWORD, (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash)).toBe(true);
    const events = await db.auditEvent.groupBy({ by: ["action"], where: { actorId: user.id }, _count: true });
    expect(Object.fromEntries(events.map((e) => [e.action, e._count]))).toMatchObject({ password_change_failed: 5, password_change_limited: 4 });
    // Another account is not affected.
    const other = await makeUser();
    actAs(other);
    expect(await change(TEST_PASSWORD)).toEqual({ ok: true, data: undefined });
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the signed-in account only", async () => {
    const user = await makeUser();
    const other = await makeUser();
    actAs(null);
    expect(await signOutEverywhereAction()).toEqual({ ok: false, code: "unauthenticated" });
    actAs(user);
    await signOutEverywhereAction();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(user.sessionVersion + 1);
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).sessionVersion).toBe(other.sessionVersion);
    expect(signOut).toHaveBeenCalledWith({ redirectTo: "/login" });
  });
});
