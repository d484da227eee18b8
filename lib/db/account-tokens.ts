import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { audit } from "./audit";
import { db, uniqueViolation } from "./client";

// Links sent by mail that act on an account: a password reset and an address verification. The
// token (256 random bits) is only in the mail; the database keeps its SHA-256. A link is single-use
// (taken by one atomic delete), expires, and is void once a newer one of its kind is issued, once
// the password changes (resets), and once the address it was sent to is no longer the account's.

export type AccountLinkPurpose = "password_reset" | "email_verify";

export const PASSWORD_RESET_MINUTES = 30;
export const EMAIL_VERIFY_HOURS = 24;

const lifetimeMs = (purpose: AccountLinkPurpose) => (purpose === "password_reset" ? PASSWORD_RESET_MINUTES * 60_000 : EMAIL_VERIFY_HOURS * 3_600_000);

export const tokenHashOf = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** A token's shape (32 bytes in base64url): anything else is refused before a database read. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Issues a link's token for `email`, voiding the account's earlier links of the same kind. */
export async function issueAccountToken(userId: string, purpose: AccountLinkPurpose, email: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.$transaction([
    db.accountToken.deleteMany({ where: { userId, purpose } }),
    db.accountToken.create({ data: { userId, purpose, email, tokenHash: tokenHashOf(token), expiresAt: new Date(Date.now() + lifetimeMs(purpose)) } }),
  ]);
  return token;
}

/** The link a token names while it still holds, with its account; else null. */
async function liveToken(token: unknown, purpose: AccountLinkPurpose) {
  if (typeof token !== "string" || !TOKEN.test(token)) return null;
  const row = await db.accountToken.findUnique({
    where: { tokenHash: tokenHashOf(token) },
    select: { id: true, userId: true, purpose: true, email: true, expiresAt: true, user: { select: { username: true, email: true, pendingEmail: true, isActive: true, emailVerified: true } } },
  });
  if (!row || row.purpose !== purpose || row.expiresAt.getTime() <= Date.now() || !row.user.isActive) return null;
  // A reset holds only while the address it went to is still the account's; a verification, while
  // its address is the account's or the one waiting to replace it.
  if (purpose === "password_reset" && row.email !== row.user.email) return null;
  if (purpose === "email_verify" && row.email !== row.user.email && row.email !== row.user.pendingEmail) return null;
  return row;
}

/** Whether a link would still work (the page shows its form, or says the link is spent). */
export async function accountLinkHolds(token: unknown, purpose: AccountLinkPurpose): Promise<boolean> {
  return !!(await liveToken(token, purpose));
}

/** Takes the link: true for exactly one caller, however many submit it at once. */
async function claim(id: string): Promise<boolean> {
  const { count } = await db.accountToken.deleteMany({ where: { id, expiresAt: { gt: new Date() } } });
  return count === 1;
}

/**
 * Sets a new password through a reset link and ends every session of the account (the same
 * session-version move as a password change). The mail reached the address, so it counts as verified.
 */
export async function resetPasswordWithToken(token: unknown, newPassword: string): Promise<{ userId: string }> {
  const row = await liveToken(token, "password_reset");
  if (!row) throw new AppError("reset_link_invalid");
  const passwordHash = await hashPassword(newPassword);
  if (!(await claim(row.id))) throw new AppError("reset_link_invalid");
  await db.$transaction([
    db.session.deleteMany({ where: { userId: row.userId } }),
    db.accountToken.deleteMany({ where: { userId: row.userId, purpose: "password_reset" } }),
    db.user.update({
      where: { id: row.userId },
      data: { passwordHash, sessionVersion: { increment: 1 }, ...(row.user.emailVerified ? {} : { emailVerified: new Date() }) },
    }),
  ]);
  await audit({ action: "password_reset", actorId: row.userId, actorName: row.user.username });
  return { userId: row.userId };
}

/**
 * Follows a verification link: the account's address is verified, or the new address waiting for
 * it replaces the old one (verified). What happened, for the page.
 */
export async function verifyEmailWithToken(token: unknown): Promise<"verified" | "changed"> {
  const row = await liveToken(token, "email_verify");
  if (!row || !(await claim(row.id))) throw new AppError("verify_link_invalid");
  const now = new Date();
  if (row.email === row.user.email) {
    await db.user.update({ where: { id: row.userId }, data: { emailVerified: now } });
    await audit({ action: "email_verified", actorId: row.userId, actorName: row.user.username });
    return "verified";
  }
  try {
    const { count } = await db.user.updateMany({ where: { id: row.userId, pendingEmail: row.email }, data: { email: row.email, pendingEmail: null, emailVerified: now } });
    if (count === 0) throw new AppError("verify_link_invalid");
  } catch (error) {
    // Someone else took the address meanwhile.
    if (uniqueViolation(error)) throw new AppError("email_taken");
    throw error;
  }
  // Reset links went to the old address: they no longer hold.
  await db.accountToken.deleteMany({ where: { userId: row.userId, purpose: "password_reset" } });
  await audit({ action: "email_changed", actorId: row.userId, actorName: row.user.username });
  return "changed";
}
