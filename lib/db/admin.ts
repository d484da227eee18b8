import "server-only";
import { AppError } from "@/lib/errors";
import { audit } from "./audit";
import { containsText, db } from "./client";
import { requireAdmin } from "@/lib/auth/admin";
import { queueMail } from "@/lib/mail/queue";
import { pageOf } from "./paging";
import { accountKey, requireActorId, type Actor } from "./scopes";
import { messagesLastWeekOf } from "./usage";

export const USERS_PER_PAGE = 20;
export const BOTS_PER_PAGE = 20;

export async function listUsers(actor: Actor, { query = "", page = 1 }: { query?: string; page?: number } = {}) {
  await requireAdmin(actor);
  const q = query.trim().toLowerCase();
  const where = q ? { OR: [{ username: containsText(q) }, { email: containsText(q) }] } : {};
  const total = await db.user.count({ where });
  const { pages, page: current, skip, take } = pageOf(total, page, USERS_PER_PAGE);
  const rows = await db.user.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip,
    take,
    select: {
      id: true,
      username: true,
      email: true,
      role: true,
      isActive: true,
      createdAt: true,
      lastLoginAt: true,
      _count: { select: { chatbots: true } },
      twoFactor: { select: { enabledAt: true } },
    },
  });
  return {
    items: rows.map(({ _count, twoFactor, ...u }) => ({ ...u, botCount: _count.chatbots, twoFactor: !!twoFactor?.enabledAt })),
    total,
    page: current,
    pages,
  };
}

/** PostgreSQL's "could not serialize" (Prisma P2034, or the driver's 40001): try again. */
const serializationFailure = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string }; message?: string };
  return e?.code === "P2034" || e?.cause?.code === "40001" || /could not serialize|40001/.test(String(e?.message));
};

/**
 * Changes another account's standing and ends its sessions, in one serializable transaction
 * that checks afterwards that an active admin remains: two admins removing each other at the
 * same moment cannot both succeed. No admin changes their own standing.
 */
async function changeStanding(actor: Actor, userId: string, data: { role?: "USER" | "ADMIN"; isActive?: boolean }) {
  if (userId === requireActorId(actor)) throw new AppError("admin_self");
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          const target = await tx.user.findUnique({ where: { id: userId }, select: { username: true } });
          if (!target) throw new AppError("not_found");
          await tx.session.deleteMany({ where: { userId } });
          await tx.user.update({ where: { id: userId }, data: { ...data, sessionVersion: { increment: 1 } } });
          if ((await tx.user.count({ where: { role: "ADMIN", isActive: true } })) === 0) throw new AppError("admin_last");
          return target;
        },
        { isolationLevel: "Serializable" },
      );
    } catch (error) {
      if (attempt < 5 && serializationFailure(error)) continue;
      throw error;
    }
  }
}

/** Deactivating ends every session of that account at once; reactivating lets it log in again. */
export async function setUserActive(actor: Actor, userId: string, isActive: boolean) {
  const admin = await requireAdmin(actor);
  const target = await changeStanding(actor, userId, { isActive });
  await audit({ action: "user_active", actorId: admin.id, actorName: admin.username, targetId: userId, targetName: target.username, detail: isActive ? "active" : "inactive" });
}

/**
 * Roles are read from the database on every request, never from the token; a role change also
 * ends the user's sessions, so they sign in again under the new one.
 */
export async function setUserRole(actor: Actor, userId: string, role: "USER" | "ADMIN") {
  const admin = await requireAdmin(actor);
  const target = await changeStanding(actor, userId, { role });
  await audit({ action: "user_role", actorId: admin.id, actorName: admin.username, targetId: userId, targetName: target.username, detail: role === "ADMIN" ? "admin" : "user" });
}

/** Every bot of the installation, with its owner and its messages in the last 7 days. */
export async function listAllBots(actor: Actor, { query = "", page = 1 }: { query?: string; page?: number } = {}) {
  await requireAdmin(actor);
  const q = query.trim();
  const where = q ? { OR: [{ name: containsText(q) }, { owner: { username: containsText(q.toLowerCase()) } }] } : {};
  const total = await db.chatbot.count({ where });
  const { pages, page: current, skip, take } = pageOf(total, page, BOTS_PER_PAGE);
  const rows = await db.chatbot.findMany({
    where,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip,
    take,
    select: { id: true, name: true, isActive: true, adminLocked: true, updatedAt: true, owner: { select: { username: true } } },
  });
  const byBot = await messagesLastWeekOf(rows.map((r) => r.id));
  const items = rows.map(({ owner, ...bot }) => ({ ...bot, ownerUsername: owner.username, messagesLastWeek: byBot.get(bot.id) ?? 0 }));
  return { items, total, page: current, pages };
}

/**
 * An admin switching a bot off locks it: its owner cannot turn it back on until an admin does.
 * Switching it on again unlocks it.
 */
export async function setBotActiveByAdmin(actor: Actor, chatbotId: string, isActive: boolean) {
  const admin = await requireAdmin(actor);
  const bot = await db.chatbot.findUnique({ where: { id: chatbotId }, select: { name: true } });
  if (!bot) throw new AppError("not_found");
  await db.chatbot.update({ where: { id: chatbotId }, data: { isActive, adminLocked: !isActive } });
  await audit({ action: "bot_active", actorId: admin.id, actorName: admin.username, targetId: chatbotId, targetName: bot.name, detail: isActive ? "active" : "inactive" });
}

/** For the admin:promote CLI, run by whoever operates the server: no acting user. */
export async function promoteByIdentifier(identifier: string) {
  const user = await db.user.findUnique({ where: accountKey(identifier), select: { id: true, username: true } });
  if (!user) throw new AppError("not_found");
  await db.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
  await audit({ action: "user_role", actorName: "admin:promote", targetId: user.id, targetName: user.username, detail: "admin" });
  return user.username;
}

/**
 * An admin sends a user a password-reset link (they never see the link or set a password): the
 * mail goes to the account's own address. Audited with the admin and the account.
 */
export async function sendResetLinkByAdmin(actor: Actor, userId: string) {
  const admin = await requireAdmin(actor);
  const target = await db.user.findUnique({ where: { id: userId }, select: { id: true, username: true, isActive: true } });
  if (!target) throw new AppError("not_found");
  if (!target.isActive) throw new AppError("account_inactive");
  await queueMail({ kind: "password_reset", userId: target.id });
  await audit({ action: "password_reset_link_sent", actorId: admin.id, actorName: admin.username, targetId: target.id, targetName: target.username });
}
