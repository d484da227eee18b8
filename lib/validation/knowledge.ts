import { z } from "zod";
import { requiredText } from "./fields";
import { KNOWLEDGE_LIMITS } from "./limits";

export { KNOWLEDGE_LIMITS };

export const knowledgeEntrySchema = z.object({
  question: requiredText(KNOWLEDGE_LIMITS.question),
  answer: requiredText(KNOWLEDGE_LIMITS.answer),
});

export type KnowledgeEntryInput = z.input<typeof knowledgeEntrySchema>;
