import "server-only";
import { audit } from "./audit";
import { db } from "./client";
import { dateOf, sql } from "./direct";
import { requireActorId, type Actor } from "./scopes";

// Login sessions: the Session table is the allowlist of live logins (lib/auth/session.ts).

/**
 * Records a new login session (the Session table is the allowlist of live sessions: a token
 * whose row is gone is no session) and clears the account's expired ones.
 */
export async function startLoginSession(userId: string, sessionId: string, expires: Date) {
  const now = new Date();
  await db.$transaction([
    db.session.deleteMany({ where: { userId, expires: { lt: now } } }),
    db.session.create({ data: { sessionToken: sessionId, userId, expires } }),
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
