import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createChatbot } from "@/lib/db/chatbots";
import { runDueJobs } from "@/lib/jobs/worker";
import { MAIL_JOB } from "@/lib/mail/queue";
import { botInput, channelsInput, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { mailEnv } from "@/lib/testing/mail-env";
import { actAs } from "@/lib/testing/session";
import { linkIn, startTestSmtp, tokenOf } from "@/lib/testing/smtp";
import { registerAction } from "@/app/(auth)/actions";
import { verifyEmailAction } from "@/app/verify-email/actions";
import { saveChannelsAction } from "../chatbots/[id]/channels/actions";
import { resendVerificationAction, updateProfileAction } from "./actions";

vi.hoisted(() => {
  process.env.VERIFY_MAIL_PER_USER_PER_HOUR = "2";
  process.env.REGISTER_UNKNOWN_IP_PER_HOUR = "1000";
});
vi.mock("@/lib/env", () => import("@/lib/testing/mail-env"));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("@/lib/auth/auth", () => ({ signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ set: vi.fn(), get: vi.fn(), getAll: () => [] }),
  headers: async () => new Headers({ host: "app.example.test" }),
}));

let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());
beforeEach(() => {
  mailEnv.SMTP_URL = smtp.url;
});

const runMail = () => runDueJobs({ budgetMs: 10_000, kinds: [MAIL_JOB] });
const pageOn = channelsInput({ publicPageEnabled: true });

async function ownerWithBot() {
  const user = await makeUser();
  const bot = await createChatbot(user, botInput());
  return { user, bot };
}

describe("with SMTP configured", () => {
  it("registration mails a verification link, and following it verifies the address", async () => {
    const name = `reg_${Math.random().toString(36).slice(2, 8)}`;
    expect((await registerAction({ username: name, email: `${name}@example.test`, password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD })).ok).toBe(true);
    await runMail();
    const mail = await smtp.mailTo(`${name}@example.test`);
    expect(mail.subject).toBe("Confirm your email address");
    const token = tokenOf(linkIn(mail.text, "/verify-email"));
    expect(await verifyEmailAction({ token })).toEqual({ ok: true, data: { outcome: "verified" } });
    expect((await db.user.findUniqueOrThrow({ where: { username: name } })).emailVerified).toBeInstanceOf(Date);
    expect(await verifyEmailAction({ token })).toMatchObject({ ok: false, code: "verify_link_invalid" });
  });

  it("no channel is switched on until the owner's address is verified; one already on stays on", async () => {
    const { user, bot } = await ownerWithBot();
    actAs(user);
    for (const channel of ["publicPageEnabled", "apiEnabled"] as const) {
      expect(await saveChannelsAction(bot.id, channelsInput({ [channel]: true }))).toMatchObject({ ok: false, code: "email_unverified", fieldErrors: { [channel]: "email_unverified" } });
    }
    expect(await saveChannelsAction(bot.id, channelsInput({ widgetEnabled: true, allowedOrigins: "https://example.com" }))).toMatchObject({ ok: false, code: "email_unverified" });
    expect(await db.chatbot.findUniqueOrThrow({ where: { id: bot.id } })).toMatchObject({ publicPageEnabled: false, widgetEnabled: false, apiEnabled: false });
    // Switched on before (say, before SMTP was configured): saving other settings keeps it on.
    await db.chatbot.update({ where: { id: bot.id }, data: { publicPageEnabled: true } });
    expect((await saveChannelsAction(bot.id, channelsInput({ publicPageEnabled: true, widgetColor: "#112233" }))).ok).toBe(true);

    await db.user.update({ where: { id: user.id }, data: { emailVerified: new Date() } });
    expect((await saveChannelsAction(bot.id, channelsInput({ publicPageEnabled: true, apiEnabled: true }))).ok).toBe(true);
  });

  it("resending the link is limited per user", async () => {
    const { user } = await ownerWithBot();
    actAs(user);
    expect((await resendVerificationAction()).ok).toBe(true);
    expect((await resendVerificationAction()).ok).toBe(true);
    expect(await resendVerificationAction()).toMatchObject({ ok: false, code: "too_many_requests" });
    actAs(null);
    expect(await resendVerificationAction()).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("a changed address takes effect only once its link is followed; the old address is told", async () => {
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { emailVerified: new Date(), locale: "de" } });
    actAs(user);
    const newEmail = `changed-${user.email}`;
    expect(await updateProfileAction({ firstName: "", lastName: "", email: newEmail, locale: "de" })).toEqual({ ok: true, data: { emailChange: "pending" } });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ email: user.email, pendingEmail: newEmail, emailVerified: expect.any(Date) });
    await runMail();
    const notice = await smtp.mailTo(user.email);
    expect(notice.subject).toBe("Sicherheitshinweis zu deinem ChatBot-Factory-Konto");
    const mail = await smtp.mailTo(newEmail);
    expect(mail.subject).toBe("Bestätige deine E-Mail-Adresse");
    expect(await verifyEmailAction({ token: tokenOf(linkIn(mail.text, "/verify-email")) })).toEqual({ ok: true, data: { outcome: "changed" } });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ email: newEmail, pendingEmail: null });
  });
});

describe("with no SMTP configured", () => {
  beforeEach(() => {
    delete mailEnv.SMTP_URL;
  });

  it("nothing waits on verification: channels switch on, and a changed address applies at once", async () => {
    const { user, bot } = await ownerWithBot();
    actAs(user);
    expect((await saveChannelsAction(bot.id, pageOn)).ok).toBe(true);
    const newEmail = `direct-${user.email}`;
    expect(await updateProfileAction({ firstName: "", lastName: "", email: newEmail, locale: "en" })).toEqual({ ok: true, data: { emailChange: "applied" } });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ email: newEmail, pendingEmail: null, emailVerified: null });
    // Its verification link is kept in the outbox, for whoever runs the installation.
    await runMail();
    expect(await db.outboxMail.count({ where: { to: newEmail, kind: "email_verify" } })).toBe(1);
  });
});
