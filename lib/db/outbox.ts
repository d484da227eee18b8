import "server-only";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "./client";
import type { Actor } from "./scopes";

export const OUTBOX_SHOWN = 50;

/** The newest mail kept in the outbox (no SMTP configured), for an admin. */
export async function listOutbox(actor: Actor) {
  await requireAdmin(actor);
  return db.outboxMail.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: OUTBOX_SHOWN });
}

/** Outbox mail and spent links older than this are deleted by the periodic task. */
const OUTBOX_KEEP_DAYS = 14;

/** Clears kept mail after OUTBOX_KEEP_DAYS and links past their expiry (the jobs' periodic task). */
export async function pruneMailRecords(now = new Date()) {
  await db.outboxMail.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - OUTBOX_KEEP_DAYS * 86_400_000) } } });
  await db.accountToken.deleteMany({ where: { expiresAt: { lt: now } } });
}
