import "server-only";
import { trimAnalytics } from "@/lib/db/analytics";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/ops/log";

// The periodic cleanup (the server's loop every few minutes, and every /api/cron call): expired
// sessions, half-done two-factor logins, verification tokens and limiter rows; audit events past AUDIT_RETENTION_DAYS; and the
// conversations of each bot whose owner set a retention, once untouched for that many days; and
// the analytics' visitors and kept days past every window.
// Every step is one conditional delete: running it twice, or twice at once, deletes each row once
// and fails on none.

const DAY_MS = 24 * 60 * 60 * 1000;

export type CleanupResult = { sessions: number; pendingLogins: number; verificationTokens: number; limiterRows: number; auditEvents: number; conversations: number; messages: number; visitors: number; analyticsDays: number };

export async function cleanUp(now = new Date()): Promise<CleanupResult> {
  const result: CleanupResult = { sessions: 0, pendingLogins: 0, verificationTokens: 0, limiterRows: 0, auditEvents: 0, conversations: 0, messages: 0, visitors: 0, analyticsDays: 0 };
  result.sessions = (await db.session.deleteMany({ where: { expires: { lt: now } } })).count;
  result.pendingLogins = (await db.pendingLogin.deleteMany({ where: { expires: { lt: now } } })).count;
  result.verificationTokens = (await db.verificationToken.deleteMany({ where: { expires: { lt: now } } })).count;
  // rate-limiter-flexible's rows (PostgreSQL without Redis); a row without an expiry is a block for good.
  result.limiterRows = (await db.rateLimiterFlexible.deleteMany({ where: { expire: { lt: now } } })).count;
  const auditDays = env().AUDIT_RETENTION_DAYS;
  if (auditDays > 0) result.auditEvents = (await db.auditEvent.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - auditDays * DAY_MS) } } })).count;
  const bots = await db.chatbot.findMany({ where: { conversationRetentionDays: { not: null } }, select: { id: true, conversationRetentionDays: true } });
  for (const bot of bots) {
    const stale = { chatbotId: bot.id, updatedAt: { lt: new Date(now.getTime() - bot.conversationRetentionDays! * DAY_MS) } };
    // Messages first, by their conversation: no orphan is left whether or not the database cascades.
    result.messages += (await db.message.deleteMany({ where: { chatbotId: bot.id, conversation: stale } })).count;
    result.conversations += (await db.conversation.deleteMany({ where: stale })).count;
  }
  ({ visitors: result.visitors, localDays: result.analyticsDays } = await trimAnalytics(now));
  if (Object.values(result).some((n) => n > 0)) log("info", "cleanup.done", result);
  return result;
}

/** The server's loop runs periodic tasks every minute; the cleanup needs no more than this. */
export const CLEANUP_EVERY_MS = 10 * 60 * 1000;
let lastRun = 0;

/** For the periodic task: the cleanup, unless this process ran it within CLEANUP_EVERY_MS (the cron route calls cleanUp itself). */
export async function cleanUpNow(): Promise<void> {
  if (Date.now() - lastRun < CLEANUP_EVERY_MS) return;
  lastRun = Date.now();
  await cleanUp();
}
