import { NEW_CHATBOT, chatbotSchema, type ChatbotData } from "@/lib/validation/chatbot";
import { knowledgeEntrySchema } from "@/lib/validation/knowledge";
import type { AvatarColor, AvatarIcon } from "./avatar";

// Starting points for a new bot. What a template says lives in messages/<locale>.json under
// `templates.<id>`, so a bot is born in its maker's language; this module holds the rest.

/** Sample Q&A pairs per template: `q1`/`a1` … in the messages. */
export const TEMPLATE_QA = 4;

export const TEMPLATES = [
  { id: "shop", icon: "shop", color: "teal" },
  { id: "restaurant", icon: "cup-hot", color: "amber" },
  { id: "support", icon: "headset", color: "blue" },
  { id: "booking", icon: "calendar-check", color: "pink" },
] as const satisfies readonly { id: string; icon: AvatarIcon; color: AvatarColor }[];

export type TemplateId = (typeof TEMPLATES)[number]["id"];
export const TEMPLATE_IDS = TEMPLATES.map((t) => t.id) as [TemplateId, ...TemplateId[]];

/** A translator for the `templates` namespace (next-intl's, or a test's). */
type Translate = { (key: string): string; has(key: string): boolean };

/**
 * The bot and its sample Q&A for a template, in the translator's language, checked by the same
 * schemas a form goes through (a translation too long for a field fails here, not in the database).
 */
export function templateBot(id: TemplateId, t: Translate): { bot: ChatbotData; entries: { question: string; answer: string; alternatives: string }[] } {
  const template = TEMPLATES.find((x) => x.id === id);
  if (!template) throw new Error(`unknown template ${id}`);
  const bot = chatbotSchema.parse({
    ...NEW_CHATBOT,
    name: t(`${id}.name`),
    description: t(`${id}.description`),
    systemPrompt: t(`${id}.instructions`),
    welcomeMessage: t(`${id}.welcome`),
    fallbackMessage: t(`${id}.fallback`),
    avatarIcon: template.icon,
    avatarColor: template.color,
  });
  // An entry may come with other ways visitors ask it (`alt<n>`, one per line), where the
  // question alone would miss them ("gluten free options?" for the allergies entry).
  const entries = Array.from({ length: TEMPLATE_QA }, (_, i) =>
    knowledgeEntrySchema.parse({
      question: t(`${id}.q${i + 1}`),
      answer: t(`${id}.a${i + 1}`),
      alternatives: t.has(`${id}.alt${i + 1}`) ? t(`${id}.alt${i + 1}`) : "",
    }),
  );
  return { bot, entries };
}
