import { vi } from "vitest";
import { getSessionUser } from "@/lib/auth/session";

/**
 * Server actions in tests run as this user (or with no session): pair with
 * `vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"))`.
 */
export function actAs(user: { id: string } | null) {
  vi.mocked(getSessionUser).mockResolvedValue(user ? { id: user.id, remember: false } : null);
}
