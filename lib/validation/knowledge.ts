import { z } from "zod";
import { requiredText } from "./fields";
import { KNOWLEDGE_LIMITS } from "./limits";

export { KNOWLEDGE_LIMITS };

/** Other ways to ask the question, one per line as typed; kept as trimmed non-empty lines. */
const alternatives = z
  .string()
  .max(KNOWLEDGE_LIMITS.alternatives, "too_long")
  .default("")
  .transform((value) =>
    value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .join("\n"),
  )
  .refine((value) => value.split("\n").every((line) => line.length <= KNOWLEDGE_LIMITS.question), "too_long");

export const knowledgeEntrySchema = z.object({
  question: requiredText(KNOWLEDGE_LIMITS.question),
  answer: requiredText(KNOWLEDGE_LIMITS.answer),
  alternatives,
});

export type KnowledgeEntryInput = z.input<typeof knowledgeEntrySchema>;
