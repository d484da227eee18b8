// npm run bench:chat — the chat path's overhead and throughput, from one run.
// Starts the production build (building it if needed) on a fresh SQLite file, with the
// OpenAI-compatible provider pointed at a local fake that streams a fixed reply at a fixed pace;
// then prints time to first token through our endpoint and straight from the fake (p50, p95:
// the difference is our overhead) and completed streams per second at 1, 10 and 50 concurrent
// conversations; then completed non-streaming requests per second through the OpenAI-compatible
// /api/v1/chat/completions (a built-in-model bot) at 10 and 50 concurrent callers, beside a bare
// route handler in the same build (BENCH_BARE_ROUTE) answering a fixed JSON body, and the ratio.
// Loopback only; every loop is bounded. The per-user chat and per-key limits are lifted here:
// the figures are about the chat path, not the limiter.
import { spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import Database from "libsql";
import { encode } from "@auth/core/jwt";
import { migrate } from "../scripts/db-migrate.mjs";
import { resetDatabase } from "../scripts/db-reset.mjs";
import { startFakeLlm } from "../scripts/fake-llm.mjs";
import { buildIfNeeded, timedStream } from "./proc.mjs";

const PORT = 3200;
const BASE = `http://127.0.0.1:${PORT}`;
const DB_URL = "file:./data/bench.db";
const SECRET = "bench-secret-bench-secret-bench-secret";
const WORDS = 20;
const PACE_MS = 10;
const SAMPLES = 60;

buildIfNeeded();

const fake = await startFakeLlm({ reply: Array.from({ length: WORDS }, (_, i) => `token${i}`).join(" "), paceMs: PACE_MS });
await resetDatabase(DB_URL);
process.env.DATABASE_URL = DB_URL;
await migrate({ quiet: true });

// A user, a session cookie for them, and a bot on the fake provider, written straight to the file.
const db = new Database(DB_URL.slice(5));
const userId = randomUUID();
const botId = randomUUID();
const now = new Date().toISOString();
db.prepare(`INSERT INTO "User" (id, username, email, passwordHash, createdAt, updatedAt) VALUES (?, ?, ?, '', ?, ?)`).run(userId, "bench", "bench@example.test", now, now);
db.prepare(`INSERT INTO "Chatbot" (id, ownerId, name, provider, model, maxOutputTokens, publicId, createdAt, updatedAt) VALUES (?, ?, 'Bench', 'openai', 'bench-model', 256, ?, ?, ?)`).run(botId, userId, randomUUID(), now, now);
// The API: a built-in-model bot with its API on, and a key for it (stored as its SHA-256).
const apiBotPublicId = randomBytes(16).toString("base64url");
db.prepare(`INSERT INTO "Chatbot" (id, ownerId, name, provider, model, publicId, apiEnabled, createdAt, updatedAt) VALUES (?, ?, 'Bench API', 'builtin', '', ?, 1, ?, ?)`).run(randomUUID(), userId, apiBotPublicId, now, now);
const apiKey = `cbf_${randomBytes(20).toString("base64url")}`;
db.prepare(`INSERT INTO "ApiKey" (id, ownerId, name, prefix, hash, allBots, createdAt) VALUES (?, ?, 'bench', ?, ?, 1, ?)`).run(randomUUID(), userId, apiKey.slice(0, 10), createHash("sha256").update(apiKey).digest("hex"), now);
const sid = randomUUID();
db.prepare(`INSERT INTO "Session" (sessionToken, userId, expires, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`).run(sid, userId, new Date(Date.now() + 86_400_000).toISOString(), now, now);
db.close();
const token = await encode({ salt: "authjs.session-token", secret: SECRET, token: { uid: userId, sid, sv: 0, remember: true, loginAt: Math.floor(Date.now() / 1000) } });
const cookie = `authjs.session-token=${token}`;

const server = spawn("node_modules/.bin/next", ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: DB_URL, AUTH_SECRET: SECRET, OPENAI_BASE_URL: `${fake.url}/v1`, OPENAI_API_KEY: "sk-bench", CHAT_PER_USER_PER_MINUTE: "100000", API_KEY_REQUESTS_PER_MINUTE: "1000000", BENCH_BARE_ROUTE: "true" },
  stdio: ["ignore", "ignore", "inherit"],
});
const stop = async () => {
  server.kill("SIGTERM");
  await fake.close();
};
process.on("SIGINT", () => stop().then(() => process.exit(130)));

try {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${BASE}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i === 99) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }

  const timed = timedStream;

  const direct = () =>
    timed(`${fake.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "bench-model", stream: true, messages: [{ role: "user", content: "hi" }] }),
    }, (t) => t.includes('"content":"token0'));
  const viaApp = () =>
    timed(`${BASE}/api/chatbots/${botId}/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ message: "hi" }),
    }, (t) => t.includes('"type":"text"'));

  const pct = (values, p) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  };
  const ms = (v) => `${v.toFixed(1)} ms`;

  for (let i = 0; i < 10; i++) await viaApp(); // warm up: first compiles, first connections
  const directTtft = [];
  const appTtft = [];
  for (let i = 0; i < SAMPLES; i++) {
    directTtft.push((await direct()).ttft);
    appTtft.push((await viaApp()).ttft);
  }

  console.log(`\nChat benchmark: fake provider streams ${WORDS} chunks, one every ${PACE_MS} ms; ${SAMPLES} sequential samples each.\n`);
  console.log("Time to first token      p50        p95        p99");
  console.log(`  straight from fake     ${ms(pct(directTtft, 50)).padEnd(10)} ${ms(pct(directTtft, 95)).padEnd(10)} ${ms(pct(directTtft, 99))}`);
  console.log(`  through /api/…/chat    ${ms(pct(appTtft, 50)).padEnd(10)} ${ms(pct(appTtft, 95)).padEnd(10)} ${ms(pct(appTtft, 99))}`);
  console.log(`  our overhead           ${ms(pct(appTtft, 50) - pct(directTtft, 50)).padEnd(10)} ${ms(pct(appTtft, 95) - pct(directTtft, 95))}   (target ≤ 5 ms at p50)`);

  console.log("\nLoad (whole streams)     streams/s   p50        p95        p99        errors");
  for (const concurrency of [1, 10, 50]) {
    const perWorker = Math.max(4, Math.ceil(200 / concurrency));
    const durations = [];
    let errors = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = 0; i < perWorker; i++) {
          try {
            durations.push((await viaApp()).total);
          } catch {
            errors++;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const rate = ((errors / (errors + durations.length)) * 100).toFixed(2);
    console.log(
      `  ${String(concurrency).padStart(2)} concurrent           ${(durations.length / seconds).toFixed(1).padEnd(11)} ${ms(pct(durations, 50)).padEnd(10)} ${ms(pct(durations, 95)).padEnd(10)} ${ms(pct(durations, 99)).padEnd(10)} ${errors} (${rate}%, target < 1%)`,
    );
  }
  // Non-streaming requests through the OpenAI-compatible API, and a bare route for comparison.
  const completion = JSON.stringify({ model: apiBotPublicId, messages: [{ role: "user", content: "hi" }] });
  const apiHeaders = { "content-type": "application/json", authorization: `Bearer ${apiKey}` };
  async function once(url) {
    const started = performance.now();
    const response = await fetch(url, { method: "POST", headers: apiHeaders, body: completion });
    const body = await response.json();
    if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
    return performance.now() - started;
  }
  async function load(url, concurrency, perWorker) {
    const durations = [];
    let errors = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = 0; i < perWorker; i++) {
          try {
            durations.push(await once(url));
          } catch (error) {
            if (errors++ === 0) console.error(String(error).slice(0, 300));
          }
        }
      }),
    );
    return { perSecond: durations.length / ((performance.now() - started) / 1000), durations, errors };
  }
  const API_URL = `${BASE}/api/v1/chat/completions`;
  const BARE_URL = `${BASE}/api/bench/bare`;
  for (let i = 0; i < 20; i++) await Promise.all([once(API_URL), once(BARE_URL)]); // warm up
  console.log("\nNon-streaming requests    requests/s  p50        p95        p99        errors");
  for (const concurrency of [10, 50]) {
    const perWorker = Math.max(4, Math.ceil(600 / concurrency));
    const bare = await load(BARE_URL, concurrency, perWorker);
    const api = await load(API_URL, concurrency, perWorker);
    for (const [label, r] of [["bare route", bare], ["/v1/chat/completions", api]]) {
      console.log(
        `  ${String(concurrency).padStart(2)} × ${label.padEnd(21)} ${r.perSecond.toFixed(1).padEnd(11)} ${ms(pct(r.durations, 50)).padEnd(10)} ${ms(pct(r.durations, 95)).padEnd(10)} ${ms(pct(r.durations, 99)).padEnd(10)} ${r.errors}`,
      );
    }
    console.log(`     API / bare: ${((api.perSecond / bare.perSecond) * 100).toFixed(1)} % of the bare route's rate`);
  }

  console.log(`\n(a stream takes at least ${WORDS * PACE_MS} ms at the fake's pace; node ${process.version}, ${(await import("node:os")).cpus().length} cores)`);
} finally {
  await stop();
}
