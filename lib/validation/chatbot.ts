import { z } from "zod";
import { PROVIDERS } from "@/lib/ai/types";
import { AVATAR_COLOR_NAMES, AVATAR_ICONS } from "@/lib/chatbots/avatar";
import { checkbox, id, optionalText, requiredText } from "./fields";
import { CHATBOT_LIMITS, NEW_CHATBOT } from "./limits";
import { VERSION_NOTE_MAX } from "./versions";

export { CHATBOT_LIMITS, NEW_CHATBOT };

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
    conversationRetentionDays: optionalLimit(CHATBOT_LIMITS.conversationRetentionDays),
    guardInstructions: checkbox,
    avatarIcon: z.enum(AVATAR_ICONS, "invalid_data").default(NEW_CHATBOT.avatarIcon),
    avatarColor: z.enum(AVATAR_COLOR_NAMES, "invalid_data").default(NEW_CHATBOT.avatarColor),
    /** Editing only: a note kept with the version the save makes (when it changes the bot's behaviour). */
    versionNote: z.string().trim().max(VERSION_NOTE_MAX, "too_long").optional(),
  })
  .refine((bot) => bot.provider === "builtin" || bot.model.length > 0, { path: ["model"], message: "model_required" });

export type ChatbotInput = z.input<typeof chatbotSchema>;
export type ChatbotData = z.output<typeof chatbotSchema>;

export const chatbotIdSchema = id;
