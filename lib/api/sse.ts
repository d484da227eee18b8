// Server-Sent Events for the HTTP API's streaming answers: one `data:` line of JSON per event.

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-store",
  // Proxies (nginx) would otherwise hold the events back until the reply ends.
  "X-Accel-Buffering": "no",
} as const;

/**
 * Events to SSE bytes, pulled one at a time: a client that leaves stops the reading, and the
 * events' own `finally` (which stores what was said) still runs through `return()`. A string is
 * sent as it is (OpenAI's closing `[DONE]`).
 */
export function sseStream(events: AsyncIterable<unknown>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = events[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(`data: ${typeof value === "string" ? value : JSON.stringify(value)}\n\n`));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}
