import type { ChatEvent, ChatSource } from "@/lib/chat/wire";
import { isErrorCode, type ErrorCode } from "@/lib/errors";

export type CollectedReply = {
  reply: string;
  finishReason: string;
  usage: { inputTokens: number | null; outputTokens: number | null };
  /** The provider's failure, when the reply ended with one (what was said before it is in `reply`). */
  errorCode: ErrorCode | null;
  /** Where the answer came from (empty when it used no Q&A entry or document). */
  sources: ChatSource[];
  /** The stored reply, to rate it (POST /api/v1/chatbots/{id}/feedback); null when it failed. */
  messageId: string | null;
};

/** A whole reply from the pipeline's events, for the API's non-streaming answers. */
export async function collectReply(events: AsyncIterable<ChatEvent>): Promise<CollectedReply> {
  const collected: CollectedReply = { reply: "", finishReason: "stop", usage: { inputTokens: null, outputTokens: null }, errorCode: null, sources: [], messageId: null };
  for await (const event of events) {
    if (event.type === "text") collected.reply += event.text;
    else if (event.type === "sources") collected.sources = event.sources;
    else if (event.type === "done") {
      collected.finishReason = event.finishReason;
      collected.messageId = event.messageId ?? null;
      if (event.usage) collected.usage = event.usage;
    } else if (event.type === "error") collected.errorCode = isErrorCode(event.code) ? event.code : "server_error";
  }
  return collected;
}
