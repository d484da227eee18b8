import "server-only";
import { audit } from "@/lib/db/audit";

/** Security events an account's owner is told about. */
export type SecurityEvent = "two_factor_reset";

/**
 * Tells the account's owner that something changed their account's security. For now it only
 * records that the owner is to be told (audit `security_notice`); the mail system (issue 22's
 * "Mail, really sent") connects here and sends the message in the user's language.
 */
export async function notifySecurityEvent(userId: string, event: SecurityEvent) {
  await audit({ action: "security_notice", actorId: null, targetId: userId, detail: event });
}
