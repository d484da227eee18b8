import { z } from "zod";
import { requiredText } from "./fields";

export const KNOWLEDGE_LIMITS = { question: 500, answer: 4000, entries: 1000, importRows: 500 } as const;

export const knowledgeEntrySchema = z.object({
  question: requiredText(KNOWLEDGE_LIMITS.question),
  answer: requiredText(KNOWLEDGE_LIMITS.answer),
});

export type KnowledgeEntryInput = z.input<typeof knowledgeEntrySchema>;
