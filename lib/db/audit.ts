import "server-only";
import { requestIp } from "@/lib/security/ip";
import { db } from "./client";
import { requireAdmin } from "@/lib/auth/admin";
import { pageOf } from "./paging";
import type { Actor } from "./scopes";

export const AUDIT_PER_PAGE = 50;

/** What the audit log records. Each is the message key `audit.<action>`. */
export const AUDIT_ACTIONS = [
  "login_ok",
  "login_failed",
  "login_limited",
  "logout",
  "register",
  "password_change",
  "password_change_failed",
  "password_change_limited",
  "sign_out_everywhere",
  "user_active",
  "user_role",
  "bot_active",
  "api_key_created",
  "api_key_revoked",
  "api_key_revoked_use",
  "password_reset",
  "password_reset_requested",
  "password_reset_limited",
  "password_reset_link_sent",
  "email_verified",
  "email_change_requested",
  "email_changed",
  "two_factor_on",
  "two_factor_off",
  "two_factor_reset",
  "two_factor_failed",
  "two_factor_limited",
  "two_factor_recovery_used",
  "recovery_codes_new",
  "session_ended",
  "security_notice",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The short states an event may carry, each the message key `audit.detail_<state>`. */
export const AUDIT_DETAILS = ["active", "inactive", "admin", "user", "remember", "two_factor", "recovery_code", "trusted_browser", "two_factor_reset"] as const;

export type AuditEntry = {
  action: AuditAction;
  actorId?: string | null;
  actorName?: string;
  targetId?: string | null;
  targetName?: string;
  detail?: (typeof AUDIT_DETAILS)[number] | "";
};

/**
 * Records one event with the request's address. Only names, ids and short states go in: never
 * a password, a token or a form body. A failed write is logged and does not fail the action.
 */
export async function audit(entry: AuditEntry) {
  try {
    const actorName = entry.actorName ?? (entry.actorId ? (await db.user.findUnique({ where: { id: entry.actorId }, select: { username: true } }))?.username : "");
    await db.auditEvent.create({
      data: {
        action: entry.action,
        actorId: entry.actorId ?? null,
        actorName: (actorName ?? "").slice(0, 256),
        targetId: entry.targetId ?? null,
        targetName: (entry.targetName ?? "").slice(0, 256),
        detail: (entry.detail ?? "").slice(0, 64),
        ip: await requestIp(),
      },
    });
  } catch (error) {
    console.error("audit: could not record", entry.action, error instanceof Error ? error.message : error);
  }
}

/**
 * Records the event unless the same action on the same target was recorded in the last `seconds`:
 * for refusals a client may repeat in a loop (a revoked API key), which would otherwise fill the log.
 */
export async function auditThrottled(entry: AuditEntry, seconds: number) {
  const since = new Date(Date.now() - seconds * 1000);
  const recent = await db.auditEvent
    .findFirst({ where: { action: entry.action, targetId: entry.targetId ?? null, createdAt: { gte: since } }, select: { id: true } })
    .catch(() => null);
  if (!recent) await audit(entry);
}

export async function listAudit(actor: Actor, { page = 1, action }: { page?: number; action?: AuditAction } = {}) {
  await requireAdmin(actor);
  const where = action ? { action } : {};
  const total = await db.auditEvent.count({ where });
  const { pages, page: current, skip, take } = pageOf(total, page, AUDIT_PER_PAGE);
  const items = await db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip,
    take,
  });
  return { items, total, page: current, pages };
}
