// Server-Sent Events for the HTTP API's streaming answers: one `data:` line of JSON per event.

import { pullStream } from "@/lib/http/stream";

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-store",
  // Proxies (nginx) would otherwise hold the events back until the reply ends.
  "X-Accel-Buffering": "no",
} as const;

/** Events to SSE bytes, pulled as the client reads (lib/http/stream.ts). A string is sent as it is (OpenAI's closing `[DONE]`). */
export const sseStream = (events: AsyncIterable<unknown>) =>
  pullStream(events, (value) => `data: ${typeof value === "string" ? value : JSON.stringify(value)}\n\n`);
