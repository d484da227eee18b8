import { DEFAULT_AVATAR } from "@/lib/chatbots/avatar";

// The numbers and starting values that forms show before anything is checked. No zod here:
// client components import these without bringing the validator into a page's first load
// (the schemas, which import them too, load on a form's first focus: components/ui/useZodForm.ts).

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export const MESSAGE_MAX = 4000;
/** A rating's optional comment (lib/validation/feedback.ts). */
export const FEEDBACK_COMMENT_MAX = 500;

export const KNOWLEDGE_LIMITS = { question: 500, answer: 4000, alternatives: 2000, entries: 1000, importRows: 500 } as const;

/**
 * Web and text sources as forms take them. `sitePages` is the most any deployment allows; the
 * server caps a crawl by KNOWLEDGE_MAX_SITE_PAGES too. A pasted text stays under the server
 * actions' 1 MB body cap even when every character takes four bytes.
 */
export const SOURCE_LIMITS = { url: 2000, title: 200, body: 200_000, sitePages: 1000, depth: 5, defaultDepth: 2 } as const;
export const SYNC_SCHEDULES = ["never", "daily", "weekly"] as const;
export type SyncSchedule = (typeof SYNC_SCHEDULES)[number];

/** The expiries offered, in days; "" never expires. */
export const API_KEY_EXPIRIES = ["", "7", "30", "90", "365"] as const;

export const CHATBOT_LIMITS = {
  name: 100,
  description: 500,
  systemPrompt: 8000,
  model: 100,
  welcomeMessage: 1000,
  fallbackMessage: 1000,
  maxOutputTokens: 4096,
  dailyMessageQuota: 1_000_000,
  conversationRetentionDays: 3650,
} as const;

/** A new bot before its owner changes anything: what the form starts from and the schema fills in. */
export const NEW_CHATBOT = {
  name: "",
  description: "",
  systemPrompt: "",
  isActive: true,
  provider: "builtin",
  model: "",
  temperature: 0.7,
  maxOutputTokens: 512,
  welcomeMessage: "",
  fallbackMessage: "",
  dailyMessageQuota: null,
  conversationRetentionDays: null,
  guardInstructions: false,
  avatarIcon: DEFAULT_AVATAR.icon,
  avatarColor: DEFAULT_AVATAR.color,
} as const;

/** The Trusted Types policy public/widget.js creates: hosts that enforce Trusted Types list it in `trusted-types`. */
export const WIDGET_TRUSTED_TYPES_POLICY = "chatbot-factory-widget";

/** Saved test questions (lib/validation/bot-tests.ts): how many a bot keeps, and each field's length. */
export const BOT_TEST_LIMITS = { perBot: 100, question: MESSAGE_MAX, expected: 500, mustNotContain: 500 } as const;
