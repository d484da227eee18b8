import "server-only";
import { audit } from "@/lib/db/audit";
import { queueSecurityNotice } from "@/lib/mail";

/** Security events an account's owner is told about. */
export type SecurityEvent = "two_factor_reset";

/**
 * Tells the account's owner that something changed their account's security: a mail in their
 * language (lib/mail, through the job queue; a mail failure never fails the change), and an
 * audit `security_notice` saying they were told.
 */
export async function notifySecurityEvent(userId: string, event: SecurityEvent) {
  await queueSecurityNotice(userId, event);
  await audit({ action: "security_notice", actorId: null, targetId: userId, detail: event });
}
