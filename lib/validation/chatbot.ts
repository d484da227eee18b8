import { z } from "zod";
import { PROVIDERS } from "@/lib/ai/types";
import { AVATAR_COLOR_NAMES, AVATAR_ICONS, DEFAULT_AVATAR } from "@/lib/chatbots/avatar";
import { checkbox, id, optionalText, requiredText } from "./fields";

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

const number = (min: number, max: number, integer = false) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : typeof v === "string" ? Number(v) : v),
    (integer ? z.number("number_invalid").int("number_invalid") : z.number("number_invalid"))
      .min(min, "number_out_of_range")
      .max(max, "number_out_of_range"),
  );

/** Blank means no limit. */
const optionalLimit = (max: number) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? Number(v) : v),
    z.number("number_invalid").int("number_invalid").min(1, "number_out_of_range").max(max, "number_out_of_range").nullable(),
  );

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
  avatarIcon: DEFAULT_AVATAR.icon,
  avatarColor: DEFAULT_AVATAR.color,
} as const;

export const chatbotSchema = z
  .object({
    name: requiredText(CHATBOT_LIMITS.name),
    description: optionalText(CHATBOT_LIMITS.description),
    systemPrompt: optionalText(CHATBOT_LIMITS.systemPrompt),
    isActive: checkbox,
    provider: z.enum(PROVIDERS, "provider_unavailable").default(NEW_CHATBOT.provider),
    model: optionalText(CHATBOT_LIMITS.model),
    temperature: number(0, 2).default(NEW_CHATBOT.temperature),
    maxOutputTokens: number(1, CHATBOT_LIMITS.maxOutputTokens, true).default(NEW_CHATBOT.maxOutputTokens),
    welcomeMessage: optionalText(CHATBOT_LIMITS.welcomeMessage),
    fallbackMessage: optionalText(CHATBOT_LIMITS.fallbackMessage),
    dailyMessageQuota: optionalLimit(CHATBOT_LIMITS.dailyMessageQuota),
    avatarIcon: z.enum(AVATAR_ICONS, "invalid_data").default(NEW_CHATBOT.avatarIcon),
    avatarColor: z.enum(AVATAR_COLOR_NAMES, "invalid_data").default(NEW_CHATBOT.avatarColor),
  })
  .refine((bot) => bot.provider === "builtin" || bot.model.length > 0, { path: ["model"], message: "model_required" });

export type ChatbotInput = z.input<typeof chatbotSchema>;
export type ChatbotData = z.output<typeof chatbotSchema>;

export const chatbotIdSchema = id;
