/** A login session's row (lib/db/users.ts getSessionState) and the claims of the token naming it. */
export type SessionRow = { userId: string; expires: Date; updatedAt: Date; user: { isActive: boolean; sessionVersion: number } };
export type SessionClaimsSeen = { uid?: string; sv?: number; remember?: boolean };

/** How often a session's last use is written: enough for the idle limit, not a write per request. */
const TOUCH_AFTER_MS = 60_000;

/**
 * Whether a token's session still holds at `now`: its row exists (logout, password change, role
 * change and "sign out everywhere" delete it) for the same user, before its absolute expiry (30
 * days with "Remember me", SESSION_HOURS without), the account is active at the same session
 * version, and, without "Remember me", it was used within the idle limit. "touch": it holds and
 * its last use should be written.
 */
export function sessionVerdict(row: SessionRow | null, claims: SessionClaimsSeen, now: number, idleMinutes: number): "ok" | "touch" | "ended" {
  if (!row || row.userId !== claims.uid || row.expires.getTime() < now) return "ended";
  if (!row.user.isActive || row.user.sessionVersion !== claims.sv) return "ended";
  const idleMs = now - row.updatedAt.getTime();
  if (!claims.remember && idleMs > idleMinutes * 60_000) return "ended";
  return idleMs > TOUCH_AFTER_MS ? "touch" : "ok";
}
