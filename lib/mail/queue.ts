import "server-only";
import { env } from "@/lib/env";
import { appOrigin } from "@/lib/http/origin";
import type { Locale } from "@/lib/i18n/locales";
import { enqueueJob } from "@/lib/jobs/queue";
import { kickJobs } from "@/lib/jobs/worker";
import type { MailKind, MailPayload, SecurityEvent } from "./kinds";

export const MAIL_JOB = "mail";
/** Attempts per message: retried after 5 s, 20 s, 80 s and 320 s (lib/jobs/queue.ts's backoff). */
export const MAIL_ATTEMPTS = 5;

export type MailRequest = {
  kind: MailKind;
  /** The account it is for (its address and language are read when it is sent)… */
  userId?: string;
  /** …or an address (a reset asked for by address: the account is looked up when it is sent). */
  to?: string;
  /** The language when no account is found. */
  locale?: Locale;
  data?: { event?: SecurityEvent };
};

async function originForLinks(): Promise<string> {
  try {
    return await appOrigin();
  } catch {
    // Not in a request (a script): the configured URL.
    const configured = env().AUTH_URL;
    return configured ? new URL(configured).origin : "http://localhost:3000";
  }
}

/**
 * Queues a message for the background jobs (retried when the SMTP server fails) and returns at
 * once. Never throws: a mail that cannot even be queued is logged, and the request that asked
 * for it goes on as if it had been.
 */
export async function queueMail(request: MailRequest): Promise<boolean> {
  try {
    const payload: MailPayload = { kind: request.kind, userId: request.userId, to: request.to, locale: request.locale, data: request.data ?? {}, origin: await originForLinks() };
    await enqueueJob(MAIL_JOB, payload, { maxAttempts: MAIL_ATTEMPTS });
    kickJobs();
    return true;
  } catch (error) {
    console.error(`[mail] could not queue a ${request.kind} mail`, error);
    return false;
  }
}

/** The notice that something happened to the account's security (it goes to the account's address). */
export const queueSecurityNotice = (userId: string, event: SecurityEvent) => queueMail({ kind: "security_notice", userId, data: { event } });
