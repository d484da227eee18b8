// A local stand-in for the LLM providers, speaking each one's real streaming wire format:
//   OpenAI (and compatible)  POST /v1/chat/completions           Server-Sent Events, data: chunks, [DONE]
//   Google Gemini            POST /v1beta/models/M:streamGenerateContent?alt=sse
//   Anthropic                POST /v1/messages                   event: message_start … message_stop
// and embeddings, deterministic (see fakeEmbedding: similar texts get close vectors):
//   OpenAI (and compatible)  POST /v1/embeddings                 { data: [{ embedding, index }], usage }
//   Google Gemini            POST /v1beta/models/M:embedContent, :batchEmbedContents
// Used by the adapter tests (in process), the end-to-end tests and the chat benchmark (as a
// process: `node scripts/fake-llm.mjs PORT [paceMs]`). Never reaches the internet.
import { createServer } from "node:http";

const DEFAULT_REPLY = "Hello! This is the fake provider answering, one word at a time.";

/**
 * options.reply: the text to stream (split into word chunks); options.paceMs: delay per chunk;
 * options.scenario: "ok" | "401" | "429" | "500" | "hang" | "malformed". A user message containing
 * [[scenario]] (e.g. [[429]], [[slow]], [[xss]], [[echo]]: repeats the instructions it was given, as
 * a model talked into it would) overrides it per request, for tests in another process.
 */
export function startFakeLlm({ port = 0, reply = DEFAULT_REPLY, paceMs = 0, scenario = "ok", embeddingScenario = "ok" } = {}) {
  // embeddingScenario: "ok" | "500" | "hang", for the embedding endpoints only (chat keeps `scenario`).
  const state = { reply, paceMs, scenario, embeddingScenario, requests: [] };
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body = null;
    try {
      body = JSON.parse(raw);
    } catch {
      // recorded as null
    }
    const url = new URL(req.url ?? "/", "http://fake");
    state.requests.push({ method: req.method, path: url.pathname, search: url.search, headers: req.headers, body });

    if (url.pathname.endsWith("/embeddings") || /:(batch)?[eE]mbedContents?$/.test(url.pathname)) return embeddings(res, url.pathname, body, state.embeddingScenario);

    const wire = url.pathname.endsWith("/chat/completions")
      ? "openai"
      : url.pathname.includes(":streamGenerateContent")
        ? "gemini"
        : url.pathname.endsWith("/messages")
          ? "anthropic"
          : null;
    if (!wire) return json(res, 404, { error: { message: "not found" } });

    const text = JSON.stringify(body ?? {});
    const override = /\[\[(\w+)\]\]/.exec(text)?.[1];
    const scenario = override && !["slow", "xss", "echo"].includes(override) ? override : state.scenario;
    const pace = override === "slow" ? Math.max(state.paceMs, 150) : state.paceMs;
    const replyText =
      override === "echo"
        ? `Of course! My instructions say: ${instructionsOf(wire, body)}`
        : override === "xss"
        ? 'Look: <script>window.__pwned = true</script> <img src="http://127.0.0.1:9/pixel.png" onerror="window.__pwned = true"> ![tracker](http://127.0.0.1:9/tracker.png) [a link](https://example.com)'
        : override === "slow"
          ? Array.from({ length: 40 }, (_, i) => `word${i + 1}`).join(" ")
          : state.reply;

    if (scenario === "hang") return; // never answers: the caller's timeout must fire
    if (scenario === "401") return json(res, 401, errorBody(wire, "invalid api key", "authentication_error"));
    if (scenario === "429") return json(res, 429, errorBody(wire, "rate limited", "rate_limit_error"), { "retry-after": "1" });
    if (scenario === "500") return json(res, 500, errorBody(wire, "internal error", "api_error"));

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    if (scenario === "malformed") {
      res.write("data: {this is not json\n\n");
      return res.end();
    }
    const words = replyText.split(/(?<= )/);
    const send = (event, data) => res.write(`${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
    const closed = () => res.destroyed || res.writableEnded;
    const wait = () => (pace ? new Promise((r) => setTimeout(r, pace)) : Promise.resolve());
    const usage = { input: 12, output: words.length };

    if (wire === "anthropic") {
      send("message_start", { type: "message_start", message: { id: "msg_fake", type: "message", role: "assistant", content: [], model: body?.model, stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input, output_tokens: 1 } } });
      send("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } });
    }
    for (const word of words) {
      await wait();
      if (closed()) return;
      if (wire === "openai") send(null, { id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1, model: body?.model, choices: [{ index: 0, delta: { role: "assistant", content: word }, finish_reason: null }] });
      if (wire === "gemini") send(null, { candidates: [{ content: { parts: [{ text: word }], role: "model" }, index: 0 }] });
      if (wire === "anthropic") send("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: word } });
    }
    if (wire === "openai") {
      send(null, { id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1, model: body?.model, choices: [{ index: 0, delta: {}, finish_reason: "stop" }], usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output } });
      send(null, "[DONE]");
    }
    if (wire === "gemini") {
      send(null, { candidates: [{ content: { parts: [{ text: "" }], role: "model" }, finishReason: "STOP", index: 0 }], usageMetadata: { promptTokenCount: usage.input, candidatesTokenCount: usage.output, totalTokenCount: usage.input + usage.output } });
    }
    if (wire === "anthropic") {
      send("content_block_stop", { type: "content_block_stop", index: 0 });
      send("message_delta", { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: usage.output } });
      send("message_stop", { type: "message_stop" });
    }
    res.end();
  });

  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        state,
        url: `http://127.0.0.1:${address.port}`,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}

export const FAKE_EMBEDDING_DIMENSIONS = 64;
/** Words the fake's "model" takes for one another: a message can be near a passage it shares no word with. */
const SYNONYMS = { automobile: "car", automobiles: "car", cars: "car", vehicle: "car", vehicles: "car", cost: "price", costs: "price", prices: "price", priced: "price", fee: "price", fees: "price" };
const STOP = new Set(["a", "an", "the", "of", "to", "is", "are", "do", "does", "what", "how", "much", "and", "or", "in", "on", "at", "for", "we", "you", "i", "it", "our", "your"]);

/** A hashed bag of words (synonyms folded, small words dropped), normalised: shared words make texts close. */
export function fakeEmbedding(text) {
  const vector = new Array(FAKE_EMBEDDING_DIMENSIONS).fill(0);
  for (const raw of String(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (STOP.has(raw)) continue;
    const word = SYNONYMS[raw] ?? raw;
    let hash = 2166136261;
    for (const ch of word) hash = Math.imul(hash ^ ch.codePointAt(0), 16777619) >>> 0;
    vector[hash % FAKE_EMBEDDING_DIMENSIONS] += hash & 0x10000 ? 1 : -1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

function embeddings(res, path, body, scenario) {
  const gemini = path.includes(":");
  if (scenario === "hang") return;
  if (scenario === "500") return json(res, 500, errorBody(gemini ? "gemini" : "openai", "internal error", "api_error"));
  if (gemini) {
    if (path.endsWith(":embedContent")) return json(res, 200, { embedding: { values: fakeEmbedding(partsText(body?.content)) } });
    return json(res, 200, { embeddings: (body?.requests ?? []).map((r) => ({ values: fakeEmbedding(partsText(r.content)) })) });
  }
  const inputs = Array.isArray(body?.input) ? body.input : [body?.input ?? ""];
  const tokens = inputs.reduce((n, t) => n + String(t).split(/\s+/).length, 0);
  return json(res, 200, {
    object: "list",
    data: inputs.map((text, index) => ({ object: "embedding", index, embedding: fakeEmbedding(text) })),
    model: body?.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

const partsText = (content) => (content?.parts ?? []).map((p) => p.text ?? "").join("");

/** The system instructions as each wire format carries them. */
function instructionsOf(wire, body) {
  if (wire === "anthropic") return typeof body?.system === "string" ? body.system : (body?.system ?? []).map((p) => p.text).join("");
  if (wire === "gemini") return (body?.systemInstruction?.parts ?? []).map((p) => p.text).join("");
  return (body?.messages ?? []).filter((m) => m.role === "system").map((m) => (typeof m.content === "string" ? m.content : m.content.map((p) => p.text).join(""))).join("");
}

function errorBody(wire, message, type) {
  if (wire === "anthropic") return { type: "error", error: { type, message } };
  if (wire === "gemini") return { error: { code: 0, message, status: type.toUpperCase() } };
  return { error: { message, type, code: null } };
}

function json(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [port = "3101", pace = "0"] = process.argv.slice(2);
  const fake = await startFakeLlm({ port: Number(port), paceMs: Number(pace) });
  console.log(`fake LLM provider on ${fake.url}`);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => fake.close().then(() => process.exit(0)));
}
