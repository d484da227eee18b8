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

/**
 * POST /api/bench/bare: a route handler doing nothing, so `npm run bench:chat` can tell Next's
 * own cost from the API's. Exists only with BENCH_BARE_ROUTE=true, which no deployment sets.
 */
export function POST() {
  if (!env().BENCH_BARE_ROUTE) return new Response(null, { status: 404 });
  return Response.json(FIXED, { headers: { "Cache-Control": "no-store" } });
}
