import "server-only";
import { AppError, type FieldErrors } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Locale } from "@/lib/i18n/locales";
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

export async function updateProfile(actor: Actor, input: ProfileUpdate) {
  const id = requireActorId(actor);
  const taken = await takenFields(null, input.email, id);
  if (Object.keys(taken).length) throw new AppError("invalid_data", taken);
  try {
    return await db.user.update({
      where: { id },
      data: { firstName: input.firstName, lastName: input.lastName, email: input.email, locale: input.locale },
      select: profileFields,
    });
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
  const [, updated] = await db.$transaction([
    db.session.deleteMany({ where: { userId: id } }),
    db.user.update({
      where: { id },
      data: { passwordHash: await hashPassword(newPassword), sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    }),
  ]);
  await audit({ action: "password_change", actorId: id });
  return updated.sessionVersion;
}
