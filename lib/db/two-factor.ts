import "server-only";
import { createHash, randomBytes, randomInt } from "node:crypto";
import { requireAdmin } from "@/lib/auth/admin";
import { notifySecurityEvent } from "@/lib/auth/notify";
import { verifyPassword } from "@/lib/auth/password";
import { open, seal } from "@/lib/auth/secret-box";
import { newTotpSecret, totpStep, totpUri } from "@/lib/auth/totp";
import { AppError } from "@/lib/errors";
import { audit } from "./audit";
import { db } from "./client";
import { requireActorId, type Actor } from "./scopes";

// Two-factor sign-in (docs/accounts-2fa.md): an authenticator app's secret, sealed at rest
// (lib/auth/secret-box.ts), the last time step a code was taken for (no replay), and ten
// single-use recovery codes kept as SHA-256 hashes.

const SEAL_PURPOSE = "totp";
export const RECOVERY_CODE_COUNT = 10;
// 16 characters of a 30-letter alphabet without look-alikes (0/o, 1/l/i, u): 78 random bits.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstvwxyz23456789";

const hashCode = (code: string) => createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");

/** A recovery code as typed (any case, spaces or dashes) in the form it is hashed. */
export function normalizeRecoveryCode(code: string) {
  return code.toLowerCase().replace(/[\s-]+/g, "");
}

function newRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < 16; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return code.match(/.{4}/g)!.join("-");
}

/** Ten new recovery codes for the account, replacing the old ones: the codes, to show once. */
async function replaceRecoveryCodes(userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashCode(code) })) }),
  ]);
  return codes;
}

/** Whether the account signs in with a second factor, for the profile and the admin list. */
export async function twoFactorStatus(actor: Actor) {
  const userId = requireActorId(actor);
  const [row, recoveryCodesLeft] = await Promise.all([
    db.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { enabled: !!row?.enabledAt, enabledAt: row?.enabledAt ?? null, settingUp: !!row && !row.enabledAt, recoveryCodesLeft };
}

/** For the login: when the account's second factor was switched on, or null when it has none. */
export async function twoFactorEnabledAt(userId: string): Promise<Date | null> {
  const row = await db.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  return row?.enabledAt ?? null;
}

/** Starts (or starts again) setting up an authenticator app: a new secret, not yet in force. */
export async function startTwoFactorSetup(actor: Actor) {
  const userId = requireActorId(actor);
  if ((await twoFactorStatus(actor)).enabled) throw new AppError("two_factor_already_on");
  const secret = seal(newTotpSecret(), SEAL_PURPOSE);
  await db.twoFactor.upsert({ where: { userId }, create: { userId, secret }, update: { secret, enabledAt: null, lastUsedStep: 0 } });
}

/** The secret being set up, as text and as the otpauth URI for its QR code; null when none is. */
export async function twoFactorSetupSecret(actor: Actor) {
  const userId = requireActorId(actor);
  const row = await db.twoFactor.findUnique({ where: { userId }, select: { secret: true, enabledAt: true, user: { select: { username: true } } } });
  if (!row || row.enabledAt) return null;
  const opened = open(row.secret, SEAL_PURPOSE);
  if (!opened) return null;
  return { secret: opened.plaintext, uri: totpUri(opened.plaintext, row.user.username) };
}

/**
 * Takes an authenticator code for the account's secret: true when it is valid now (one step of
 * drift either way) for a step after the last one taken, which it becomes, atomically, so the
 * same code (or an older one) is refused even to a concurrent request.
 */
async function takeTotp(userId: string, code: string, { enabled }: { enabled: boolean }, now = Date.now()): Promise<boolean> {
  const row = await db.twoFactor.findUnique({ where: { userId }, select: { secret: true, enabledAt: true } });
  if (!row || !!row.enabledAt !== enabled) return false;
  const opened = open(row.secret, SEAL_PURPOSE);
  if (!opened) {
    console.error("two-factor: a secret no key opens (AUTH_SECRET changed without AUTH_SECRET_PREVIOUS?)", userId);
    return false;
  }
  const step = totpStep(opened.plaintext, code, now);
  if (step === null) return false;
  const taken = await db.twoFactor.updateMany({
    where: { userId, lastUsedStep: { lt: step } },
    data: { lastUsedStep: step, ...(opened.stale ? { secret: seal(opened.plaintext, SEAL_PURPOSE) } : {}) },
  });
  return taken.count === 1;
}

/** Takes one unused recovery code of the account: true once per code. */
async function takeRecoveryCode(userId: string, code: string): Promise<boolean> {
  const normalized = normalizeRecoveryCode(code);
  if (normalized.length !== 16) return false;
  const taken = await db.recoveryCode.updateMany({ where: { userId, codeHash: hashCode(normalized), usedAt: null }, data: { usedAt: new Date() } });
  return taken.count === 1;
}

/**
 * The second factor at sign-in (or to switch it off): six digits (spaces aside) are an authenticator
 * code, anything else a recovery code. Which one was taken, or null when neither.
 */
export async function takeSecondFactor(userId: string, code: string, now = Date.now()): Promise<"totp" | "recovery" | null> {
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed.replace(/\s+/g, ""))) return (await takeTotp(userId, trimmed, { enabled: true }, now)) ? "totp" : null;
  if (!(await twoFactorEnabledAt(userId))) return null;
  if (!(await takeRecoveryCode(userId, trimmed))) return null;
  await audit({ action: "two_factor_recovery_used", actorId: userId });
  return "recovery";
}

/** Confirms the app being set up with a code from it; switches two-factor sign-in on. The recovery codes, to show once. */
export async function confirmTwoFactorSetup(actor: Actor, code: string, now = Date.now()): Promise<string[]> {
  const userId = requireActorId(actor);
  if (!(await takeTotp(userId, code, { enabled: false }, now))) throw new AppError("invalid_data", { code: "two_factor_code_invalid" });
  await db.$transaction([
    db.twoFactor.update({ where: { userId }, data: { enabledAt: new Date() } }),
    // Pending logins of the account were for an account without a second factor: none may finish.
    db.pendingLogin.deleteMany({ where: { userId } }),
  ]);
  const codes = await replaceRecoveryCodes(userId);
  await audit({ action: "two_factor_on", actorId: userId });
  return codes;
}

/** New recovery codes, the old ones void, for a current authenticator code. The codes, to show once. */
export async function regenerateRecoveryCodes(actor: Actor, code: string, now = Date.now()): Promise<string[]> {
  const userId = requireActorId(actor);
  if (!(await takeTotp(userId, code, { enabled: true }, now))) throw new AppError("invalid_data", { code: "two_factor_code_invalid" });
  const codes = await replaceRecoveryCodes(userId);
  await audit({ action: "recovery_codes_new", actorId: userId });
  return codes;
}

async function removeTwoFactor(userId: string) {
  await db.$transaction([
    db.twoFactor.deleteMany({ where: { userId } }),
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.pendingLogin.deleteMany({ where: { userId } }),
  ]);
}

/**
 * Switches two-factor sign-in off: needs the password and a code (the app's or a recovery code).
 * Field errors name what was wrong; the caller limits the attempts.
 */
export async function disableTwoFactor(actor: Actor, password: string, code: string, now = Date.now()) {
  const userId = requireActorId(actor);
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw new AppError("not_found");
  if (!(await verifyPassword(password, user.passwordHash))) throw new AppError("invalid_data", { password: "password_incorrect" });
  if (!(await takeSecondFactor(userId, code, now))) throw new AppError("invalid_data", { code: "two_factor_code_invalid" });
  await removeTwoFactor(userId);
  await audit({ action: "two_factor_off", actorId: userId });
}

/** An admin switches a user's two-factor sign-in off (a lost phone and lost codes); audited, and the user is told. */
export async function resetTwoFactorByAdmin(actor: Actor, userId: string) {
  const admin = await requireAdmin(actor);
  if (admin.id === userId) throw new AppError("admin_self");
  const target = await db.user.findUnique({ where: { id: userId }, select: { username: true } });
  if (!target) throw new AppError("not_found");
  await removeTwoFactor(userId);
  await audit({ action: "two_factor_reset", actorId: admin.id, actorName: admin.username, targetId: userId, targetName: target.username });
  await notifySecurityEvent(userId, "two_factor_reset");
}

// Pending logins: the password was right, the second factor is owed.

export const PENDING_LOGIN_MINUTES = 5;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A half-finished login for five minutes: the token for the browser's cookie (only its hash is kept). */
export async function createPendingLogin(userId: string, remember: boolean): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  await db.$transaction([
    db.pendingLogin.deleteMany({ where: { expires: { lt: now } } }),
    db.pendingLogin.create({ data: { tokenHash: hashToken(token), userId, remember, expires: new Date(now.getTime() + PENDING_LOGIN_MINUTES * 60_000) } }),
  ]);
  return token;
}

/** The login a pending token stands for, while it has not expired, with the account as it is now. */
export async function findPendingLogin(token: string | null | undefined) {
  if (!token || token.length > 100) return null;
  const row = await db.pendingLogin.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { remember: true, expires: true, user: { select: { id: true, username: true, isActive: true, sessionVersion: true, locale: true } } },
  });
  if (!row || row.expires.getTime() <= Date.now()) return null;
  return { remember: row.remember, user: row.user };
}

/** Ends a pending login: true for the one caller that ended it (a token finishes one login). */
export async function consumePendingLogin(token: string): Promise<boolean> {
  const ended = await db.pendingLogin.deleteMany({ where: { tokenHash: hashToken(token), expires: { gt: new Date() } } });
  return ended.count === 1;
}
