import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { runDueJobs } from "@/lib/jobs/worker";
import { makeUser } from "@/lib/testing/factories";
import { mailEnv } from "@/lib/testing/mail-env";
import { linkIn, startTestSmtp } from "@/lib/testing/smtp";
import { queueMail, queueSecurityNotice } from ".";
import { MAIL_JOB } from "./queue";

vi.mock("@/lib/env", () => import("@/lib/testing/mail-env"));

let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());
afterEach(() => {
  smtp.state.refuse = false;
  delete mailEnv.SMTP_URL;
});

const runMail = () => runDueJobs({ budgetMs: 10_000, kinds: [MAIL_JOB] });

async function userIn(locale: string) {
  const user = await makeUser();
  await db.user.update({ where: { id: user.id }, data: { locale } });
  return user;
}

describe("with SMTP configured", () => {
  it("sends a reset link in the recipient's language, as plain text and simple HTML with no tracking", async () => {
    mailEnv.SMTP_URL = smtp.url;
    const de = await userIn("de");
    const ar = await userIn("ar");
    await queueMail({ kind: "password_reset", to: de.email });
    await queueMail({ kind: "password_reset", userId: ar.id });
    await runMail();

    const german = await smtp.mailTo(de.email);
    expect(german.subject).toBe("Dein ChatBot-Factory-Passwort zurücksetzen");
    expect(german.text).toContain(`Hallo ${de.username},`);
    expect(german.text).toContain("30 Minuten");
    const link = linkIn(german.text, "/reset-password");
    expect(german.html).toContain(`href="${link}"`);
    expect(german.raw.from?.text).toContain("no-reply@localhost");
    // No images, no remote content, nothing that reports an opening.
    expect(german.html).not.toMatch(/<img|<script|<link|url\(/i);

    const arabic = await smtp.mailTo(ar.email);
    expect(arabic.subject).toBe("أعد تعيين كلمة مرور ChatBot Factory");
    expect(arabic.html).toContain('dir="rtl"');
  });

  it("stores only the hash of the link's token, and never the token in the job", async () => {
    mailEnv.SMTP_URL = smtp.url;
    const user = await userIn("fr");
    await queueMail({ kind: "password_reset", userId: user.id });
    const job = await db.job.findFirst({ where: { kind: MAIL_JOB, payload: { contains: user.id } } });
    expect(job?.payload).not.toMatch(/token/i);
    await runMail();
    const mail = await smtp.mailTo(user.email);
    expect(mail.subject).toBe("Réinitialiser votre mot de passe ChatBot Factory");
    const token = new URL(linkIn(mail.text, "/reset-password")).searchParams.get("token")!;
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const rows = await db.accountToken.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("sends nothing for an address no account has, and the job still ends done", async () => {
    mailEnv.SMTP_URL = smtp.url;
    const before = smtp.received.length;
    await queueMail({ kind: "password_reset", to: "nobody-here@example.test" });
    expect(await runMail()).toMatchObject({ done: expect.any(Number), failed: 0, retried: 0 });
    expect(smtp.received.length).toBe(before);
  });

  it("retries a mail the SMTP server refuses, and delivers it once the server takes it again", async () => {
    mailEnv.SMTP_URL = smtp.url;
    const user = await userIn("es");
    smtp.state.refuse = true;
    // Queueing never fails, whatever the server says later.
    expect(await queueSecurityNotice(user.id, "password_changed")).toBe(true);
    expect(await runMail()).toMatchObject({ retried: 1 });
    const job = await db.job.findFirst({ where: { kind: MAIL_JOB, payload: { contains: user.id } } });
    expect(job).toMatchObject({ status: "queued", attempts: 1 });
    expect(job?.lastError).toMatch(/451|try again/);
    smtp.state.refuse = false;
    await db.job.update({ where: { id: job!.id }, data: { runAt: new Date() } });
    expect(await runMail()).toMatchObject({ done: 1 });
    expect((await smtp.mailTo(user.email)).subject).toBe("Aviso de seguridad de tu cuenta de ChatBot Factory");
  });
});

describe("with no SMTP configured", () => {
  it("keeps the mail in the outbox and writes its link to the log", async () => {
    const user = await userIn("en");
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    await queueMail({ kind: "email_verify", userId: user.id });
    await runMail();
    const kept = await db.outboxMail.findFirst({ where: { to: user.email } });
    expect(kept).toMatchObject({ kind: "email_verify", subject: "Confirm your email address" });
    const link = linkIn(kept!.text, "/verify-email");
    const lines = info.mock.calls.map((c) => String(c[0])).filter((l) => l.includes(user.email));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(link);
    info.mockRestore();
  });
});

