import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/** A rendered message, ready to go. `link` is the one link it carries (logged when kept in the outbox). */
export type OutgoingMail = { kind: string; to: string; subject: string; text: string; html: string; link?: string };

/** Whether mail really leaves the server (SMTP_URL is set); else it is kept in the outbox. */
export const mailConfigured = () => !!env().SMTP_URL;

// One pooled transport per process and URL (Next bundles routes separately: the process holds it).
const processWide = globalThis as { chatbotFactoryMailTransport?: { url: string; transport: Transporter } };

/** SMTP_URL as nodemailer's options: smtps:// is TLS from the start (port 465 by default); smtp:// upgrades with STARTTLS when the server offers it (587). */
export function smtpOptionsOf(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === "smtps:";
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ""),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
  };
}

function transport(url: string): Transporter {
  const current = processWide.chatbotFactoryMailTransport;
  if (current?.url === url) return current.transport;
  current?.transport.close();
  const created = nodemailer.createTransport({ ...smtpOptionsOf(url), pool: true, maxConnections: 2, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  processWide.chatbotFactoryMailTransport = { url, transport: created };
  return created;
}

/**
 * Sends one message through SMTP, or — no SMTP configured — keeps it in the outbox table and
 * writes its link to the log, so a development setup still completes every flow. Throws when
 * the SMTP server refuses or cannot be reached (the mail job retries).
 */
export async function deliverMail(mail: OutgoingMail): Promise<"sent" | "outbox"> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    await db.outboxMail.create({ data: { kind: mail.kind, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html } });
    console.info(`[mail] no SMTP_URL: ${mail.kind} mail to ${mail.to} kept in the outbox (/admin/mail)${mail.link ? `; its link: ${mail.link}` : ""}`);
    return "outbox";
  }
  await transport(SMTP_URL).sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, disableUrlAccess: true, disableFileAccess: true });
  return "sent";
}
