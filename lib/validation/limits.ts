import { DEFAULT_AVATAR } from "@/lib/chatbots/avatar";

// The numbers and starting values that forms show before anything is checked. No zod here:
// client components import these without bringing the validator into a page's first load
// (the schemas, which import them too, load on a form's first focus: components/ui/useZodForm.ts).

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export const MESSAGE_MAX = 4000;

export const KNOWLEDGE_LIMITS = { question: 500, answer: 4000, entries: 1000, importRows: 500 } as const;

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
  guardInstructions: false,
  avatarIcon: DEFAULT_AVATAR.icon,
  avatarColor: DEFAULT_AVATAR.color,
} as const;

/** The Trusted Types policy public/widget.js creates: hosts that enforce Trusted Types list it in `trusted-types`. */
export const WIDGET_TRUSTED_TYPES_POLICY = "chatbot-factory-widget";
