// The chat reply's wire format, one JSON event a line (NDJSON), written by the server and read
// by every client (the playground, the public page and the widget). No server-only
// imports: the browser bundles this file.

import { pullStream } from "@/lib/http/stream";

export type ChatEvent =
  | { type: "start"; conversationId: string }
  | { type: "text"; text: string }
  | { type: "done"; finishReason: string; usage?: { inputTokens: number | null; outputTokens: number | null } }
  | { type: "error"; code: string };

export const CHAT_CONTENT_TYPE = "application/x-ndjson; charset=utf-8";

/** Events to response bytes, a JSON line each, pulled as the reader reads (lib/http/stream.ts). */
export const encodeEvents = (events: AsyncIterable<ChatEvent>) => pullStream(events, (event) => `${JSON.stringify(event)}\n`);

/** Response bytes to events, as they arrive; a line cut between two chunks waits for the rest. */
export async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ChatEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) yield JSON.parse(line) as ChatEvent;
    }
    if (buffer.trim()) yield JSON.parse(buffer) as ChatEvent;
  } finally {
    reader.releaseLock();
  }
}
