import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { accountLinkHolds, issueAccountToken, resetPasswordWithToken, tokenHashOf, verifyEmailWithToken } from "./account-tokens";
import { db } from "./client";
import { startLoginSession } from "./sessions";
import { changePassword } from "./users";

const NEW_PASSWORD = "a brand new passphrase for tests";
const codeOf = (p: Promise<unknown>) => p.then(() => "ok", (e: { code?: string }) => e.code);
const resetLink = (user: { id: string; email: string }) => issueAccountToken(user.id, "password_reset", user.email);

describe("password reset links", () => {
  it("carry 256 random bits, stored only as their SHA-256", async () => {
    const user = await makeUser();
    const token = await resetLink(user);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const [row] = await db.accountToken.findMany({ where: { userId: user.id } });
    expect(row.tokenHash).toBe(tokenHashOf(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);
  });

  it("set the password once, end every session, and are void after use", async () => {
    const user = await makeUser();
    await startLoginSession(user.id, `s-${user.id}-1`, new Date(Date.now() + 3_600_000));
    await startLoginSession(user.id, `s-${user.id}-2`, new Date(Date.now() + 3_600_000));
    const token = await resetLink(user);
    expect(await accountLinkHolds(token, "password_reset")).toBe(true);
    await resetPasswordWithToken(token, NEW_PASSWORD);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, sessionVersion: true, emailVerified: true } });
    expect(await verifyPassword(NEW_PASSWORD, after.passwordHash)).toBe(true);
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    // The mail reached the address: it counts as verified.
    expect(after.emailVerified).toBeInstanceOf(Date);
    expect(await accountLinkHolds(token, "password_reset")).toBe(false);
    expect(await codeOf(resetPasswordWithToken(token, "yet another passphrase here"))).toBe("reset_link_invalid");
    expect(await db.auditEvent.count({ where: { action: "password_reset", actorId: user.id } })).toBe(1);
  });

  it("work for one of two submissions that arrive together", async () => {
    const user = await makeUser();
    const token = await resetLink(user);
    const outcomes = await Promise.all([codeOf(resetPasswordWithToken(token, NEW_PASSWORD)), codeOf(resetPasswordWithToken(token, "the other new passphrase"))]);
    expect(outcomes.sort()).toEqual(["ok", "reset_link_invalid"]);
  });

  it("expire after 30 minutes", async () => {
    const user = await makeUser();
    const token = await resetLink(user);
    await db.accountToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await accountLinkHolds(token, "password_reset")).toBe(false);
    expect(await codeOf(resetPasswordWithToken(token, NEW_PASSWORD))).toBe("reset_link_invalid");
    const unchanged = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(await verifyPassword(TEST_PASSWORD, unchanged.passwordHash)).toBe(true);
  });

  it("are void once a newer one is asked for", async () => {
    const user = await makeUser();
    const older = await resetLink(user);
    const newer = await resetLink(user);
    expect(await codeOf(resetPasswordWithToken(older, NEW_PASSWORD))).toBe("reset_link_invalid");
    expect(await codeOf(resetPasswordWithToken(newer, NEW_PASSWORD))).toBe("ok");
  });

  it("are void after a password change", async () => {
    const user = await makeUser();
    const token = await resetLink(user);
    await changePassword(user, TEST_PASSWORD, NEW_PASSWORD);
    expect(await codeOf(resetPasswordWithToken(token, "someone else's passphrase"))).toBe("reset_link_invalid");
  });

  it("are void once the account's address changed, and for a deactivated account", async () => {
    const moved = await makeUser();
    const token = await resetLink(moved);
    await db.user.update({ where: { id: moved.id }, data: { email: `moved-${moved.email}` } });
    expect(await codeOf(resetPasswordWithToken(token, NEW_PASSWORD))).toBe("reset_link_invalid");
    const inactive = await makeUser({ isActive: false });
    expect(await codeOf(resetPasswordWithToken(await resetLink(inactive), NEW_PASSWORD))).toBe("reset_link_invalid");
  });

  it("refuse malformed, unknown and other-purpose tokens without telling them apart", async () => {
    const user = await makeUser();
    const verify = await issueAccountToken(user.id, "email_verify", user.email);
    for (const token of ["", "short", "x".repeat(43), verify, `${verify}x`, null, 42]) {
      expect(await codeOf(resetPasswordWithToken(token, NEW_PASSWORD))).toBe("reset_link_invalid");
    }
  });
});

describe("verification links", () => {
  it("verify the account's address once", async () => {
    const user = await makeUser();
    const token = await issueAccountToken(user.id, "email_verify", user.email);
    expect(await verifyEmailWithToken(token)).toBe("verified");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBeInstanceOf(Date);
    expect(await codeOf(verifyEmailWithToken(token))).toBe("verify_link_invalid");
  });

  it("put a new address in use only when its link is followed, voiding reset links sent to the old one", async () => {
    const user = await makeUser();
    const newEmail = `new-${user.email}`;
    await db.user.update({ where: { id: user.id }, data: { pendingEmail: newEmail } });
    const reset = await resetLink(user);
    const token = await issueAccountToken(user.id, "email_verify", newEmail);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
    expect(await verifyEmailWithToken(token)).toBe("changed");
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ email: newEmail, pendingEmail: null, emailVerified: expect.any(Date) });
    expect(await codeOf(resetPasswordWithToken(reset, NEW_PASSWORD))).toBe("reset_link_invalid");
  });

  it("refuse a new address another account took meanwhile", async () => {
    const user = await makeUser();
    const other = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { pendingEmail: other.email } });
    const token = await issueAccountToken(user.id, "email_verify", other.email);
    expect(await codeOf(verifyEmailWithToken(token))).toBe("email_taken");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });
});
