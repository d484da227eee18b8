// The chat reply's wire format, one JSON event a line (NDJSON), written by the server and read
// by every client (the playground, the public page and the widget). No server-only
// imports: the browser bundles this file.

import { pullStream } from "@/lib/http/stream";

/**
 * Where a reply's answer came from: a Q&A entry (`qa`, its question as the name) or a piece of a
 * document (`file`), pasted text (`text`), web page (`url`) or site (`site`), with the page or
 * heading it sits under and the web address when there is one. `ref` is the number an LLM's
 * reply cites it by ("[2]"); null when the reply quotes it (the built-in model).
 */
export type ChatSource = {
  ref: number | null;
  kind: "qa" | "file" | "text" | "url" | "site";
  name: string;
  page: number | null;
  heading: string | null;
  url: string | null;
};

export type ChatEvent =
  | { type: "start"; conversationId: string }
  | { type: "text"; text: string }
  /** After the text, before `done`, when the reply used sources. */
  | { type: "sources"; sources: ChatSource[] }
  /** `messageId`: the stored reply, which the visitor may rate (lib/db/feedback.ts). */
  | { type: "done"; finishReason: string; messageId?: string; usage?: { inputTokens: number | null; outputTokens: number | null } }
  | { type: "error"; code: string };

/** Sources read back from storage (Message.sources) or another program: only well-formed ones, links only http(s). */
export function sourcesOf(value: unknown): ChatSource[] {
  let list = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  const text = (v: unknown) => (typeof v === "string" && v ? v : null);
  const kinds = ["qa", "file", "text", "url", "site"];
  return list.flatMap((s): ChatSource[] => {
    if (!s || typeof s !== "object" || !text(s.name) || !kinds.includes(s.kind)) return [];
    const url = text(s.url);
    return [
      {
        ref: Number.isInteger(s.ref) ? s.ref : null,
        kind: s.kind,
        name: s.name,
        page: Number.isInteger(s.page) ? s.page : null,
        heading: text(s.heading),
        url: url && /^https?:\/\//i.test(url) ? url : null,
      },
    ];
  });
}

export const CHAT_CONTENT_TYPE = "application/x-ndjson; charset=utf-8";

/** Events to response bytes, a JSON line each, pulled as the reader reads (lib/http/stream.ts). */
export const encodeEvents = (events: AsyncIterable<ChatEvent>) => pullStream(events, (event) => `${JSON.stringify(event)}\n`);

/** Response bytes to events (chat events, or another NDJSON stream's), as they arrive; a line cut between two chunks waits for the rest. */
export async function* readEvents<T = ChatEvent>(body: ReadableStream<Uint8Array>): AsyncGenerator<T> {
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
      for (const line of lines) if (line.trim()) yield JSON.parse(line) as T;
    }
    if (buffer.trim()) yield JSON.parse(buffer) as T;
  } finally {
    reader.releaseLock();
  }
}
