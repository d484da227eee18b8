import "server-only";
import { db } from "@/lib/db/client";
import { requireActorId, type Actor } from "@/lib/db/scopes";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** The actor's row when they are an active admin right now (the role is read from the database every time), else null. */
async function activeAdmin(actor: Actor) {
  const row = await db.user.findUnique({
    where: { id: requireActorId(actor) },
    select: { id: true, username: true, role: true, isActive: true, twoFactor: { select: { enabledAt: true } } },
  });
  return row && row.isActive && row.role === "ADMIN" ? row : null;
}

/**
 * The actor, if they are an active admin right now. With REQUIRE_ADMIN_2FA, an admin without
 * two-factor sign-in switched on is refused too (the /admin layout sends them to set it up).
 */
export async function requireAdmin(actor: Actor) {
  const row = await activeAdmin(actor);
  if (!row) throw new AppError("not_found");
  if (env().REQUIRE_ADMIN_2FA && !row.twoFactor?.enabledAt) throw new AppError("two_factor_setup_required");
  return { id: row.id, username: row.username };
}

/** Whether to show the admin link: an active admin, as a yes or no (set up 2FA or not: the link leads to its setup). */
export async function isAdmin(actor: Actor | null) {
  if (!actor) return false;
  return !!(await activeAdmin(actor).catch(() => null));
}

/** An admin who must switch on two-factor sign-in before reaching /admin (REQUIRE_ADMIN_2FA). */
export async function adminNeedsTwoFactor(actor: Actor) {
  if (!env().REQUIRE_ADMIN_2FA) return false;
  const row = await activeAdmin(actor);
  return !!row && !row.twoFactor?.enabledAt;
}
