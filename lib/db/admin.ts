import "server-only";
import { AppError } from "@/lib/errors";
import { containsText, db } from "./client";
import { requireActorId, type Actor } from "./users";

export const USERS_PER_PAGE = 20;

/** The actor, if they are an active admin right now: the role is read from the database every time. */
export async function requireAdminActor(actor: Actor) {
  const row = await db.user.findUnique({ where: { id: requireActorId(actor) }, select: { role: true, isActive: true } });
  if (!row || !row.isActive || row.role !== "ADMIN") throw new AppError("not_found");
}

/** Whether to show the admin link: the same database check, as a yes or no. */
export async function isAdmin(actor: Actor | null) {
  if (!actor) return false;
  return requireAdminActor(actor).then(() => true, () => false);
}

export async function listUsers(actor: Actor, { query = "", page = 1 }: { query?: string; page?: number } = {}) {
  await requireAdminActor(actor);
  const q = query.trim().toLowerCase();
  const where = q ? { OR: [{ username: containsText(q) }, { email: containsText(q) }] } : {};
  const total = await db.user.count({ where });
  const pages = Math.max(1, Math.ceil(total / USERS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = await db.user.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * USERS_PER_PAGE,
    take: USERS_PER_PAGE,
    select: { id: true, username: true, email: true, role: true, isActive: true, createdAt: true, _count: { select: { chatbots: true } } },
  });
  return { items: rows.map(({ _count, ...u }) => ({ ...u, botCount: _count.chatbots })), total, page: current, pages };
}

/** Refuses changes that would leave no active admin, and any admin changing their own standing. */
async function guardAdminChange(actor: Actor, userId: string, removesAdmin: boolean) {
  if (userId === requireActorId(actor)) throw new AppError("admin_self");
  const target = await db.user.findUnique({ where: { id: userId }, select: { role: true, isActive: true } });
  if (!target) throw new AppError("not_found");
  if (removesAdmin && target.role === "ADMIN" && target.isActive) {
    const admins = await db.user.count({ where: { role: "ADMIN", isActive: true } });
    if (admins <= 1) throw new AppError("admin_last");
  }
}

/** Deactivating ends every session of that account at once; reactivating lets it log in again. */
export async function setUserActive(actor: Actor, userId: string, isActive: boolean) {
  await requireAdminActor(actor);
  await guardAdminChange(actor, userId, !isActive);
  await db.$transaction([
    db.session.deleteMany({ where: { userId } }),
    db.user.update({ where: { id: userId }, data: { isActive, sessionVersion: { increment: 1 } } }),
  ]);
}

/** Role changes take effect on the user's next request (roles are never read from the token). */
export async function setUserRole(actor: Actor, userId: string, role: "USER" | "ADMIN") {
  await requireAdminActor(actor);
  await guardAdminChange(actor, userId, role === "USER");
  await db.user.update({ where: { id: userId }, data: { role } });
}

/** For the admin:promote CLI, run by whoever operates the server: no acting user. */
export async function promoteByIdentifier(identifier: string) {
  const key = identifier.trim().toLowerCase();
  const user = await db.user.findFirst({ where: key.includes("@") ? { email: key } : { username: key }, select: { id: true, username: true } });
  if (!user) throw new AppError("not_found");
  await db.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
  return user.username;
}
