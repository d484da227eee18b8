import "server-only";
import { AppError, type FieldErrors } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Locale } from "@/lib/i18n/locales";
import { mailConfigured } from "@/lib/mail/transport";
import { audit } from "./audit";
import { db, uniqueViolation } from "./client";
import { accountKey, requireActorId, type Actor } from "./scopes";


const profileFields = {
  id: true,
  username: true,
  email: true,
  firstName: true,
  lastName: true,
  locale: true,
  role: true,
  createdAt: true,
  emailVerified: true,
  pendingEmail: true,
} as const;

export type NewUser = {
  username: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  locale: Locale;
};

async function takenFields(username: string | null, email: string, exceptId?: string): Promise<FieldErrors> {
  const clashes = await db.user.findMany({
    where: { OR: [...(username ? [{ username }] : []), { email }], ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { username: true, email: true },
  });
  const errors: FieldErrors = {};
  if (username && clashes.some((u) => u.username === username)) errors.username = "username_taken";
  if (clashes.some((u) => u.email === email)) errors.email = "email_taken";
  return errors;
}

function rethrowUnique(error: unknown): never {
  const fields = uniqueViolation(error);
  if (fields) {
    const errors: FieldErrors = {};
    if (fields.some((f) => f.includes("username"))) errors.username = "username_taken";
    if (fields.some((f) => f.includes("email")) || !Object.keys(errors).length) errors.email = "email_taken";
    throw new AppError("invalid_data", errors);
  }
  throw error;
}

export async function createUser(input: NewUser) {
  const taken = await takenFields(input.username, input.email);
  if (Object.keys(taken).length) throw new AppError("invalid_data", taken);
  const passwordHash = await hashPassword(input.password);
  try {
    // The first account of a new installation administers it; every later one is a user.
    const isFirst = (await db.user.count()) === 0;
    const user = await db.user.create({
      data: {
        username: input.username,
        email: input.email,
        passwordHash,
        firstName: input.firstName,
        lastName: input.lastName,
        locale: input.locale,
        role: isFirst ? "ADMIN" : "USER",
      },
      select: profileFields,
    });
    await audit({ action: "register", actorId: user.id, actorName: user.username, detail: user.role === "ADMIN" ? "admin" : "user" });
    return user;
  } catch (error) {
    rethrowUnique(error);
  }
}

/** For the credentials check only: the one read that returns a password hash. */
export function findUserForLogin(identifier: string) {
  return db.user.findUnique({
    where: accountKey(identifier),
    select: { id: true, username: true, passwordHash: true, isActive: true, sessionVersion: true, locale: true },
  });
}

export async function getProfile(actor: Actor) {
  const user = await db.user.findUnique({ where: { id: requireActorId(actor) }, select: profileFields });
  if (!user) throw new AppError("not_found");
  return user;
}

export type ProfileUpdate = { firstName: string; lastName: string; email: string; locale: Locale };

/**
 * Saves the profile. A new address takes effect only once the link mailed to it is followed when
 * mail is really sent (`emailChange: "pending"`, kept in pendingEmail); with no SMTP configured it
 * applies at once, unverified (`"applied"`). The caller queues the mails.
 */
export async function updateProfile(actor: Actor, input: ProfileUpdate) {
  const id = requireActorId(actor);
  const current = await db.user.findUnique({ where: { id }, select: { email: true } });
  if (!current) throw new AppError("not_found");
  const changing = input.email !== current.email;
  if (changing) {
    const taken = await takenFields(null, input.email, id);
    if (Object.keys(taken).length) throw new AppError("invalid_data", taken);
  }
  const emailChange = !changing ? null : mailConfigured() ? ("pending" as const) : ("applied" as const);
  const email = emailChange === "pending" ? { pendingEmail: input.email } : emailChange === "applied" ? { email: input.email, emailVerified: null, pendingEmail: null } : {};
  try {
    const profile = await db.user.update({
      where: { id },
      data: { firstName: input.firstName, lastName: input.lastName, locale: input.locale, ...email },
      select: profileFields,
    });
    if (emailChange) await audit({ action: emailChange === "pending" ? "email_change_requested" : "email_changed", actorId: id, actorName: profile.username });
    return { ...profile, emailChange };
  } catch (error) {
    rethrowUnique(error);
  }
}

export async function setLocale(actor: Actor, locale: Locale) {
  await db.user.update({ where: { id: requireActorId(actor) }, data: { locale } });
}

/**
 * Changes the password when the current one is right, and moves the session version on so
 * every other session ends. Returns the new version for the caller's own fresh session.
 */
export async function changePassword(actor: Actor, currentPassword: string, newPassword: string) {
  const id = requireActorId(actor);
  const user = await db.user.findUnique({ where: { id }, select: { passwordHash: true } });
  if (!user) throw new AppError("not_found");
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new AppError("invalid_data", { currentPassword: "password_incorrect" });
  }
  const [, , updated] = await db.$transaction([
    db.session.deleteMany({ where: { userId: id } }),
    // A reset link asked for before the change no longer holds.
    db.accountToken.deleteMany({ where: { userId: id, purpose: "password_reset" } }),
    db.user.update({
      where: { id },
      data: { passwordHash: await hashPassword(newPassword), sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    }),
  ]);
  await audit({ action: "password_change", actorId: id });
  return updated.sessionVersion;
}

/** Whether the account's address is verified, or nothing needs it to be (no SMTP configured: nothing waits on it). */
export async function emailVerifiedOrNotNeeded(actor: Actor): Promise<boolean> {
  if (!mailConfigured()) return true;
  const user = await db.user.findUnique({ where: { id: requireActorId(actor) }, select: { emailVerified: true } });
  return !!user?.emailVerified;
}
