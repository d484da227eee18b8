import type { KnowledgeEntry } from "./retrieval";

/**
 * The bot's instructions with the Q&A entries that match the visitor's message, for an LLM:
 * the owner's answers are the facts the bot should prefer over anything it believes itself.
 */
export function groundedSystemPrompt(systemPrompt: string, entries: KnowledgeEntry[]): string {
  if (!entries.length) return systemPrompt;
  const facts = entries.map((e, i) => `[${i + 1}] Q: ${e.question}\nA: ${e.answer}`).join("\n\n");
  return [
    systemPrompt,
    "The business has written the answers below. When one of them answers the visitor, reply from it and do not contradict it; " +
      "when none applies, answer as you otherwise would. Do not mention that you were given these entries.",
    facts,
  ]
    .filter(Boolean)
    .join("\n\n");
}
