import "server-only";
import { db } from "@/lib/db/client";
import { requireActorId, type Actor } from "@/lib/db/scopes";
import { AppError } from "@/lib/errors";

/** The actor, if they are an active admin right now: the role is read from the database every time. */
export async function requireAdmin(actor: Actor) {
  const row = await db.user.findUnique({ where: { id: requireActorId(actor) }, select: { id: true, username: true, role: true, isActive: true } });
  if (!row || !row.isActive || row.role !== "ADMIN") throw new AppError("not_found");
  return { id: row.id, username: row.username };
}

/** Whether to show the admin link: the same database check, as a yes or no. */
export async function isAdmin(actor: Actor | null) {
  if (!actor) return false;
  return requireAdmin(actor).then(() => true, () => false);
}
