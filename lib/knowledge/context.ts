/** A Q&A entry or a document passage an LLM is given, with the label it is cited by. */
export type ContextItem = { label: string; text: string };

/**
 * The bot's instructions with the Q&A entries and document passages that match the visitor's
 * message, for an LLM: numbered and labelled, so the reply can cite them ("[2]") and the
 * visitor sees where the answer came from. The owner's facts win over what the model believes.
 */
export function groundedSystemPrompt(systemPrompt: string, items: ContextItem[]): string {
  if (!items.length) return systemPrompt;
  const facts = items.map((item, i) => `[${i + 1}] ${item.label}\n${item.text}`).join("\n\n");
  return [
    systemPrompt,
    "The business's own Q&A entries and documents are below, numbered. When they answer the visitor, reply from them, do not contradict them, " +
      "and cite each one you used by its number in square brackets, like [1]. When none applies, answer as you otherwise would, without citing. " +
      "Do not mention that you were given these sources.",
    facts,
  ]
    .filter(Boolean)
    .join("\n\n");
}
