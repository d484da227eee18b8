import "server-only";
import { createTranslator } from "next-intl";
import { DEFAULT_LOCALE, isLocale, isRtl, type Locale } from "@/lib/i18n/locales";

export type MailText = { subject: string; text: string; html: string };

/** What a message says, by kind: its subject and paragraphs (message keys under `mail.`), and its link. */
export type MailContent = { subject: string; paragraphs: string[]; link?: { href: string; label: string }; afterLink?: string[] };

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

async function messagesOf(locale: Locale) {
  return (await import(`../../messages/${locale}.json`)).default as Record<string, unknown>;
}

/** A translator of the `mail` messages in the recipient's language (English when theirs is unknown). */
export async function mailTranslator(locale: string | null | undefined) {
  const chosen: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const t = createTranslator({ locale: chosen, messages: await messagesOf(chosen), namespace: "mail" }) as unknown as (key: string, values?: Record<string, string | number>) => string;
  return { locale: chosen, t };
}

/**
 * Plain text and a simple HTML version of the same words: no images, no remote content, no
 * tracking; the link is written out in full in both.
 */
export function formatMail(locale: Locale, content: MailContent, footer: string): MailText {
  const text = [...content.paragraphs, ...(content.link ? [content.link.href] : []), ...(content.afterLink ?? []), "--", footer].join("\n\n");
  const dir = isRtl(locale) ? "rtl" : "ltr";
  const paragraph = (p: string) => `<p>${escapeHtml(p)}</p>`;
  const link = content.link
    ? `<p><a href="${escapeHtml(content.link.href)}">${escapeHtml(content.link.label)}</a></p><p style="word-break:break-all;font-size:small">${escapeHtml(content.link.href)}</p>`
    : "";
  const html = `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head><body style="font-family:sans-serif;line-height:1.5">${content.paragraphs.map(paragraph).join("")}${link}${(content.afterLink ?? []).map(paragraph).join("")}<p style="color:#666;font-size:small">${escapeHtml(footer)}</p></body></html>`;
  return { subject: content.subject, text, html };
}
