import { createOpenAI } from "@ai-sdk/openai";
import { streamText } from "ai";
import { statementCounts } from "@/lib/db/statement-count";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/** What the bare route answers: about the size of a short chat completion. */
const FIXED = {
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 0,
  model: "bench",
  choices: [{ index: 0, message: { role: "assistant", content: "A fixed answer." }, finish_reason: "stop" }],
};

const STREAM_HEADERS = { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" };
const encoder = new TextEncoder();

/** One chunk a pull, as the chat route streams. */
function pullChunks(chunks: AsyncIterable<string> | Iterable<string>) {
  const iterator = (Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]()) as AsyncIterator<string> | Iterator<string>;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(`${JSON.stringify({ type: "text", text: value })}\n`));
    },
  });
}

/**
 * /api/bench/bare: route handlers that do nothing of ours, so `npm run bench` can tell Next's
 * (and the AI SDK's) own cost from the app's. They exist only with BENCH_BARE_ROUTE=true, which
 * no deployment sets.
 * - POST: a fixed JSON body (beside the OpenAI-compatible API);
 * - POST ?chunks=N: N fixed text chunks streamed (beside a built-in-model chat reply);
 * - POST ?relay: the fake provider at OPENAI_BASE_URL relayed through the AI SDK (beside an LLM bot's reply);
 * - GET ?statements: database statements and transactions so far (with BENCH_COUNT_STATEMENTS=true);
 * - GET ?memory: the process's memory, after a full garbage collection when Node runs with
 *   --expose-gc (so the heap figure is what is held, not garbage not yet collected).
 */
export function POST(request: Request) {
  if (!env().BENCH_BARE_ROUTE) return new Response(null, { status: 404 });
  const query = new URL(request.url).searchParams;
  const chunks = Number(query.get("chunks"));
  if (chunks > 0) return new Response(pullChunks(Array.from({ length: Math.min(chunks, 1000) }, (_, i) => `word${i} `)), { headers: STREAM_HEADERS });
  if (query.has("relay")) {
    const model = createOpenAI({ apiKey: env().OPENAI_API_KEY ?? "not-needed", baseURL: env().OPENAI_BASE_URL }).chat("bench-model");
    const result = streamText({ model, messages: [{ role: "user", content: "hi" }], maxRetries: 0 });
    return new Response(pullChunks(result.textStream), { headers: STREAM_HEADERS });
  }
  return Response.json(FIXED, { headers: { "Cache-Control": "no-store" } });
}

export function GET(request: Request) {
  const query = new URL(request.url).searchParams;
  if (!env().BENCH_BARE_ROUTE) return new Response(null, { status: 404 });
  const headers = { "Cache-Control": "no-store" };
  if (query.has("statements")) return Response.json(statementCounts(), { headers });
  if (query.has("memory")) {
    (globalThis as { gc?: () => void }).gc?.();
    return Response.json(process.memoryUsage(), { headers });
  }
  return new Response(null, { status: 404 });
}
