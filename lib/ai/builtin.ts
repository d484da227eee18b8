import type { ChatModel } from "./types";

// The built-in model: no LLM, no key, no network. The pipeline's retrieval step
// (lib/knowledge) has already picked the Q&A entry that answers the message, if one does;
// this model says it, or the bot's fallback message.

export const builtinModel: ChatModel = async function* (request) {
  const reply = request.knowledge[0]?.answer ?? request.fallbackMessage;
  // Streamed in word-sized chunks like every other provider, so the UI has one path.
  const chunks = reply.split(/(?<=\s)/);
  for (const text of chunks) {
    if (request.signal?.aborted) return yield { type: "finish", finishReason: "aborted", inputTokens: null, outputTokens: null };
    yield { type: "text", text };
  }
  yield { type: "finish", finishReason: "stop", inputTokens: null, outputTokens: null };
};
