import "server-only";
import { createHash } from "node:crypto";
import { audit } from "./audit";
import { db } from "./client";
import { dateOf, sql } from "./direct";
import { requireActorId, type Actor } from "./scopes";
import { AppError } from "@/lib/errors";

// Login sessions: the Session table is the allowlist of live logins (lib/auth/session.ts).

/**
 * Records a new login session (the Session table is the allowlist of live sessions: a token
 * whose row is gone is no session) and clears the account's expired ones.
 */
export async function startLoginSession(userId: string, sessionId: string, expires: Date, client: { userAgent?: string | null; ip?: string | null } = {}) {
  const now = new Date();
  await db.$transaction([
    db.session.deleteMany({ where: { userId, expires: { lt: now } } }),
    db.session.create({ data: { sessionToken: sessionId, userId, expires, userAgent: (client.userAgent ?? "").slice(0, 256), ip: client.ip?.slice(0, 64) ?? null } }),
    db.user.update({ where: { id: userId }, data: { lastLoginAt: now } }),
  ]);
}

/** What a session token is checked against on every request; `updatedAt` is its last use. */
export function getSessionState(sessionId: string) {
  return db.session.findUnique({
    where: { sessionToken: sessionId },
    select: { userId: true, expires: true, updatedAt: true, user: { select: { isActive: true, sessionVersion: true } } },
  });
}

/**
 * The session a token names, while its account is active at the token's session version: one
 * statement on the driver (./direct.ts) — every signed-in request asks — shaped as getSessionState's row.
 */
export async function liveSessionState(sessionId: string, sessionVersion: number) {
  const { rows } = await sql(
    `SELECT s."userId", s."expires", s."updatedAt" FROM "Session" s JOIN "User" u ON u."id" = s."userId"
     WHERE s."sessionToken" = $1 AND u."isActive" = true AND u."sessionVersion" = $2`,
    [sessionId, sessionVersion],
  );
  const [row] = rows;
  return row ? { userId: String(row.userId), expires: dateOf(row.expires), updatedAt: dateOf(row.updatedAt), user: { isActive: true, sessionVersion } } : null;
}

/** Marks a session as used now, for the idle limit. */
export async function touchLoginSession(sessionId: string) {
  await db.session.updateMany({ where: { sessionToken: sessionId }, data: { updatedAt: new Date() } });
}

/** Logging out ends this one session only. */
export async function endLoginSession(sessionId: string) {
  const ended = await db.session.findUnique({ where: { sessionToken: sessionId }, select: { userId: true } });
  await db.session.deleteMany({ where: { sessionToken: sessionId } });
  if (ended) await audit({ action: "logout", actorId: ended.userId });
}

/** Ends every session of the actor's account, this one included ("sign out everywhere"). */
export async function endAllSessions(actor: Actor) {
  const id = requireActorId(actor);
  await db.$transaction([
    db.session.deleteMany({ where: { userId: id } }),
    db.user.update({ where: { id }, data: { sessionVersion: { increment: 1 } } }),
  ]);
  await audit({ action: "sign_out_everywhere", actorId: id });
}

/**
 * The id a session is shown and ended by: a hash of its token, so the page never carries the token
 * itself (which, with the session cookie's key, is what a session is).
 */
export const publicSessionId = (sessionToken: string) => createHash("sha256").update(`session:${sessionToken}`).digest("base64url").slice(0, 32);

/** The actor's live sessions, newest use first, with the one of `currentSessionId` marked. */
export async function listSessions(actor: Actor, currentSessionId: string | null) {
  const userId = requireActorId(actor);
  const rows = await db.session.findMany({
    where: { userId, expires: { gt: new Date() } },
    orderBy: { updatedAt: "desc" },
    select: { sessionToken: true, userAgent: true, ip: true, createdAt: true, updatedAt: true },
    take: 50,
  });
  return rows.map((row) => ({
    id: publicSessionId(row.sessionToken),
    userAgent: row.userAgent,
    ip: row.ip,
    createdAt: row.createdAt,
    lastSeenAt: row.updatedAt,
    current: row.sessionToken === currentSessionId,
  }));
}

/** Ends one of the actor's sessions by its shown id (another account's, or an unknown id: not found). */
export async function endSessionById(actor: Actor, id: string) {
  const userId = requireActorId(actor);
  const rows = await db.session.findMany({ where: { userId }, select: { sessionToken: true } });
  const match = rows.find((row) => publicSessionId(row.sessionToken) === id);
  if (!match) throw new AppError("not_found");
  await db.session.deleteMany({ where: { userId, sessionToken: match.sessionToken } });
  await audit({ action: "session_ended", actorId: userId });
}

/** The actor's recent security events from the audit log: what they did and what was done to their account. */
export async function listSecurityEvents(actor: Actor, take = 20) {
  const userId = requireActorId(actor);
  return db.auditEvent.findMany({
    where: { OR: [{ actorId: userId }, { targetId: userId }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, action: true, detail: true, ip: true, createdAt: true },
    take,
  });
}
