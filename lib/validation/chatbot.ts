import { z } from "zod";
import { checkbox, optionalText, requiredText } from "./fields";

export const CHATBOT_LIMITS = { name: 100, description: 500, systemPrompt: 8000 } as const;

export const chatbotSchema = z.object({
  name: requiredText(CHATBOT_LIMITS.name),
  description: optionalText(CHATBOT_LIMITS.description),
  systemPrompt: optionalText(CHATBOT_LIMITS.systemPrompt),
  isActive: checkbox,
});

export type ChatbotInput = z.input<typeof chatbotSchema>;
export type ChatbotData = z.output<typeof chatbotSchema>;

export const chatbotIdSchema = z.string().min(1).max(64);
