import { describe, expect, it } from "vitest";
import { open } from "@/lib/auth/secret-box";
import { totpCode } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { runDueJobs } from "@/lib/jobs/worker";
import { makeUser, makeUserWithTwoFactor } from "@/lib/testing/factories";
import {
  confirmTwoFactorSetup,
  consumePendingLogin,
  createPendingLogin,
  disableTwoFactor,
  findPendingLogin,
  regenerateRecoveryCodes,
  resetTwoFactorByAdmin,
  startTwoFactorSetup,
  takeSecondFactor,
  twoFactorSetupSecret,
  twoFactorStatus,
} from "./two-factor";
import { endSessionById, listSecurityEvents, listSessions, publicSessionId, startLoginSession } from "./sessions";

const T0 = 1_900_000_000_000; // a fixed moment: codes are computed for it and its neighbours
const STEP = 30_000;

describe("two-factor data (lib/db/two-factor.ts)", () => {
  it("keeps the secret sealed at rest and opens it only while setting up", async () => {
    const user = await makeUser();
    await startTwoFactorSetup(user);
    const setup = (await twoFactorSetupSecret(user))!;
    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.secret).not.toContain(setup.secret);
    expect(open(row.secret, "totp")?.plaintext).toBe(setup.secret);
    expect(setup.uri).toContain(encodeURIComponent(user.username));
    expect(await twoFactorStatus(user)).toMatchObject({ enabled: false, settingUp: true });
    // A wrong code does not switch it on.
    await expect(confirmTwoFactorSetup(user, totpCode(setup.secret, T0 - 5 * STEP), T0)).rejects.toMatchObject({ fieldErrors: { code: "two_factor_code_invalid" } });
    await confirmTwoFactorSetup(user, totpCode(setup.secret, T0), T0);
    expect(await twoFactorSetupSecret(user)).toBeNull();
    expect(await twoFactorStatus(user)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    await expect(startTwoFactorSetup(user)).rejects.toMatchObject({ code: "two_factor_already_on" });
  });

  it("refuses a code replayed within its time step, and an older one after a newer", async () => {
    const { user, secret } = await makeUserWithTwoFactor(T0);
    // The code that confirmed the setup cannot sign in within its step.
    expect(await takeSecondFactor(user.id, totpCode(secret, T0), T0 + 10_000)).toBeNull();
    const next = totpCode(secret, T0 + STEP);
    expect(await takeSecondFactor(user.id, next, T0 + STEP)).toBe("totp");
    expect(await takeSecondFactor(user.id, next, T0 + STEP + 5_000)).toBeNull();
    // Two requests with one code at once: one wins.
    const third = totpCode(secret, T0 + 2 * STEP);
    const both = await Promise.all([takeSecondFactor(user.id, third, T0 + 2 * STEP), takeSecondFactor(user.id, third, T0 + 2 * STEP)]);
    expect(both.filter(Boolean)).toHaveLength(1);
  });

  it("accepts one step of clock drift either way and refuses two", async () => {
    const { user, secret } = await makeUserWithTwoFactor(T0);
    const now = T0 + 10 * STEP;
    expect(await takeSecondFactor(user.id, totpCode(secret, now - 2 * STEP), now)).toBeNull();
    expect(await takeSecondFactor(user.id, totpCode(secret, now - STEP), now)).toBe("totp");
    expect(await takeSecondFactor(user.id, totpCode(secret, now + 2 * STEP), now)).toBeNull();
    expect(await takeSecondFactor(user.id, totpCode(secret, now + STEP), now)).toBe("totp");
  });

  it("takes each recovery code once, stores only hashes, and new codes void the old", async () => {
    const { user, secret, codes } = await makeUserWithTwoFactor(T0);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((r) => r.codeHash)).not.toContain(codes[0]);
    expect(JSON.stringify(stored)).not.toContain(codes[0].replace(/-/g, ""));

    expect(await takeSecondFactor(user.id, codes[0].toUpperCase().replace(/-/g, " "))).toBe("recovery");
    expect(await takeSecondFactor(user.id, codes[0])).toBeNull();
    expect((await twoFactorStatus(user)).recoveryCodesLeft).toBe(9);
    // Another account's code is no code here.
    const other = await makeUserWithTwoFactor(T0);
    expect(await takeSecondFactor(user.id, other.codes[0])).toBeNull();

    const fresh = await regenerateRecoveryCodes(user, totpCode(secret, T0 + STEP), T0 + STEP);
    expect(await takeSecondFactor(user.id, codes[1])).toBeNull();
    expect(await takeSecondFactor(user.id, fresh[0])).toBe("recovery");
  });

  it("switches off only with the password and a code", async () => {
    const { user, secret, codes } = await makeUserWithTwoFactor(T0);
    await expect(disableTwoFactor(user, "not the password", totpCode(secret, T0 + STEP), T0 + STEP)).rejects.toMatchObject({ fieldErrors: { password: "password_incorrect" } });
    await expect(disableTwoFactor(user, "correct horse battery staple", "000000", T0 + STEP)).rejects.toMatchObject({ fieldErrors: { code: "two_factor_code_invalid" } });
    await disableTwoFactor(user, "correct horse battery staple", codes[3]);
    expect(await twoFactorStatus(user)).toMatchObject({ enabled: false, settingUp: false, recoveryCodesLeft: 0 });
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "two_factor_off" } })).toBe(1);
  });

  it("an admin's reset switches it off, is audited, and mails the user a notice; a non-admin's is refused", async () => {
    const { user } = await makeUserWithTwoFactor(T0);
    const admin = await makeUser();
    await expect(resetTwoFactorByAdmin(admin, user.id)).rejects.toMatchObject({ code: "not_found" });
    await db.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    await resetTwoFactorByAdmin(admin, user.id);
    expect((await twoFactorStatus(user)).enabled).toBe(false);
    expect(await db.auditEvent.count({ where: { actorId: admin.id, targetId: user.id, action: "two_factor_reset" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { targetId: user.id, action: "security_notice", detail: "two_factor_reset" } })).toBe(1);
    // No SMTP in the tests: the mail lands in the outbox, in the user's language.
    await runDueJobs({ budgetMs: 10_000, kinds: ["mail"] });
    const mail = await db.outboxMail.findFirst({ where: { to: user.email, kind: "security_notice" } });
    expect(mail?.text).toContain("An administrator switched off two-factor sign-in for your account.");
    const events = await listSecurityEvents(user);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["two_factor_reset", "two_factor_on"]));
  });

  it("a pending login lasts five minutes and finishes once", async () => {
    const user = await makeUser();
    const token = await createPendingLogin(user.id, true);
    expect(await db.pendingLogin.count({ where: { tokenHash: token } })).toBe(0); // only its hash is stored
    expect(await findPendingLogin(token)).toMatchObject({ remember: true, user: { id: user.id } });
    expect(await findPendingLogin(`${token}x`)).toBeNull();
    expect(await consumePendingLogin(token)).toBe(true);
    expect(await consumePendingLogin(token)).toBe(false);
    expect(await findPendingLogin(token)).toBeNull();

    const late = await createPendingLogin(user.id, false);
    await db.pendingLogin.updateMany({ where: { userId: user.id }, data: { expires: new Date(Date.now() - 1000) } });
    expect(await findPendingLogin(late)).toBeNull();
    expect(await consumePendingLogin(late)).toBe(false);
  });
});

describe("sessions list and per-session sign-out (lib/db/sessions.ts)", () => {
  it("lists the account's sessions with browser and address, marks this one, and ends one by its shown id only for its owner", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const expires = new Date(Date.now() + 3_600_000);
    await startLoginSession(user.id, "sid-laptop-0123456789", expires, { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0", ip: "198.51.100.7" });
    await startLoginSession(user.id, "sid-phone-0123456789", expires, { userAgent: "Mozilla/5.0 (iPhone) Safari/604.1" });
    await startLoginSession(other.id, "sid-other-0123456789", expires);

    const list = await listSessions(user, "sid-laptop-0123456789");
    expect(list).toHaveLength(2);
    expect(list.find((s) => s.current)).toMatchObject({ ip: "198.51.100.7", userAgent: expect.stringContaining("Firefox") });
    expect(JSON.stringify(list)).not.toContain("sid-");

    // Another account's session id is not found from here.
    await expect(endSessionById(user, publicSessionId("sid-other-0123456789"))).rejects.toMatchObject({ code: "not_found" });
    const phone = list.find((s) => !s.current)!;
    await endSessionById(user, phone.id);
    expect(await db.session.findMany({ where: { userId: user.id }, select: { sessionToken: true } })).toEqual([{ sessionToken: "sid-laptop-0123456789" }]);
    expect(await db.session.count({ where: { userId: other.id } })).toBe(1);
  });
});
