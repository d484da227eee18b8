import { beforeEach, describe, expect, it, vi } from "vitest";
import { totpCode } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { publicSessionId, startLoginSession } from "@/lib/db/sessions";
import { TEST_PASSWORD, makeUser, makeUserWithTwoFactor } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { confirmTwoFactorAction, disableTwoFactorAction, endSessionAction, regenerateRecoveryCodesAction, startTwoFactorAction } from "./actions";

vi.hoisted(() => {
  process.env.LOGIN_MAX_FAILURES = "5";
});
vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

describe("/profile/security actions", () => {
  beforeEach(() => actAs(null));

  it("with no session refuse and write nothing", async () => {
    const { user, secret, codes } = await makeUserWithTwoFactor();
    const session = "sid-security-actions-0001";
    await startLoginSession(user.id, session, new Date(Date.now() + 3_600_000));
    const unauthenticated = { ok: false, code: "unauthenticated" };
    expect(await startTwoFactorAction()).toEqual(unauthenticated);
    expect(await confirmTwoFactorAction({ code: totpCode(secret) })).toEqual(unauthenticated);
    expect(await regenerateRecoveryCodesAction({ code: totpCode(secret) })).toEqual(unauthenticated);
    expect(await disableTwoFactorAction({ password: TEST_PASSWORD, code: codes[0] })).toEqual(unauthenticated);
    expect(await endSessionAction({ sessionId: publicSessionId(session) })).toEqual(unauthenticated);
    expect(await db.twoFactor.count({ where: { userId: user.id, enabledAt: { not: null } } })).toBe(1);
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(10);
    expect(await db.session.count({ where: { sessionToken: session } })).toBe(1);
  });

  it("switching off: wrong passwords and codes are limited per account, then even the right ones wait", async () => {
    const { user, codes } = await makeUserWithTwoFactor();
    actAs(user);
    for (let i = 0; i < 5; i++) {
      const result = await disableTwoFactorAction({ password: i % 2 ? TEST_PASSWORD : "wrong password", code: "000000" });
      expect(result).toMatchObject({ ok: false, code: "invalid_data" });
    }
    expect(await disableTwoFactorAction({ password: TEST_PASSWORD, code: codes[0] })).toMatchObject({ ok: false, code: "rate_limited" });
    expect(await db.twoFactor.count({ where: { userId: user.id } })).toBe(1);
  });

  it("setup through the actions: start, confirm with a code, ten codes back once", async () => {
    const user = await makeUser();
    actAs(user);
    expect(await startTwoFactorAction()).toEqual({ ok: true, data: undefined });
    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId: user.id } });
    const { open } = await import("@/lib/auth/secret-box");
    const confirmed = await confirmTwoFactorAction({ code: totpCode(open(row.secret, "totp")!.plaintext) });
    expect(confirmed.ok && confirmed.data.codes).toHaveLength(10);
  });
});
