import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { EMAIL_VERIFY_HOURS, issueAccountToken, PASSWORD_RESET_MINUTES } from "@/lib/db/account-tokens";
import { LOCALES } from "@/lib/i18n/locales";
import { formatMail, mailTranslator, type MailContent } from "./render";
import { deliverMail } from "./transport";

/** What the app sends. A new kind: add it here, to `contentOf` below, and its words under `mail.` in messages/. */
export const MAIL_KINDS = ["password_reset", "email_verify", "security_notice"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** Security notices: each is `mail.notice_<event>` (one paragraph) in every language. */
export const SECURITY_EVENTS = ["password_changed", "password_reset", "email_change_requested", "two_factor_reset"] as const;
export type SecurityEvent = (typeof SECURITY_EVENTS)[number];

/** A mail job's payload: who (an account, or an address), what, and the app's origin for links. Never a token. */
export const mailPayloadSchema = z.object({
  kind: z.enum(MAIL_KINDS),
  userId: z.string().max(64).optional(),
  to: z.string().max(320).optional(),
  locale: z.enum(LOCALES).optional(),
  origin: z.string().max(2048),
  data: z.object({ event: z.enum(SECURITY_EVENTS).optional() }).default({}),
});
export type MailPayload = z.infer<typeof mailPayloadSchema>;

const recipientFields = { id: true, username: true, email: true, pendingEmail: true, locale: true, isActive: true, emailVerified: true } as const;

/** The account a mail is about: by id, or — a reset asked for by address — by that address. */
async function accountOf(payload: MailPayload) {
  if (payload.userId) return db.user.findUnique({ where: { id: payload.userId }, select: recipientFields });
  if (payload.to) return db.user.findUnique({ where: { email: payload.to.trim().toLowerCase() }, select: recipientFields });
  return null;
}

/**
 * Runs a mail job: finds the recipient, makes the link when the kind carries one (the token is
 * made here, in the job, so it is never stored anywhere but as its hash), renders the message in
 * the recipient's language and delivers it. A message with no one to go to is dropped quietly:
 * the request that queued it answered the same either way.
 */
export async function sendQueuedMail(raw: unknown): Promise<void> {
  const parsed = mailPayloadSchema.safeParse(raw);
  if (!parsed.success) {
    console.error("[mail] a mail job with an unreadable payload was dropped");
    return;
  }
  const payload = parsed.data;
  const user = await accountOf(payload);
  const { locale, t } = await mailTranslator(user?.locale ?? payload.locale);
  const link = (path: string, token: string) => `${payload.origin}${path}?token=${token}`;
  let to: string;
  let content: MailContent;
  switch (payload.kind) {
    case "password_reset": {
      // No account, or one that may not sign in: nothing is sent (and nothing tells the asker).
      if (!user || !user.isActive) return;
      to = user.email;
      const href = link("/reset-password", await issueAccountToken(user.id, "password_reset", user.email));
      content = {
        subject: t("reset_subject"),
        paragraphs: [t("greeting", { username: user.username }), t("reset_body", { minutes: PASSWORD_RESET_MINUTES })],
        link: { href, label: t("reset_button") },
        afterLink: [t("reset_ignore")],
      };
      break;
    }
    case "email_verify": {
      if (!user || !user.isActive) return;
      // The new address waiting for its link, else the account's own while it is unverified.
      const address = user.pendingEmail ?? (user.emailVerified ? null : user.email);
      if (!address) return;
      to = address;
      const href = link("/verify-email", await issueAccountToken(user.id, "email_verify", address));
      content = {
        subject: t("verify_subject"),
        paragraphs: [t("greeting", { username: user.username }), t("verify_body", { email: address, hours: EMAIL_VERIFY_HOURS })],
        link: { href, label: t("verify_button") },
        afterLink: [t("verify_ignore")],
      };
      break;
    }
    case "security_notice": {
      const event = payload.data.event;
      if (!event) return;
      const address = user?.email ?? payload.to;
      if (!address) return;
      to = address;
      content = {
        subject: t("notice_subject"),
        paragraphs: [...(user ? [t("greeting", { username: user.username })] : []), t(`notice_${event}`), t("notice_not_you")],
      };
      break;
    }
  }
  await deliverMail({ kind: payload.kind, to, ...formatMail(locale, content, t("footer")), link: content.link?.href });
}

/** Logged once a mail's attempts are spent (the SMTP server kept refusing it). */
export async function mailGivenUp(raw: unknown, error: string): Promise<void> {
  const kind = (raw as { kind?: unknown })?.kind;
  console.error(`[mail] a ${typeof kind === "string" ? kind : "?"} mail was given up after its retries: ${error}`);
}
