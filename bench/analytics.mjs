// npm run bench:analytics — the analytics page and the dashboard for a bot with 1,000 messages
// beside one with 1,000,000, in one run on the production build (SQLite). Each bot has its owner,
// so each dashboard holds one bot. The messages are real rows (conversations of ten over the last
// 90 days, on all four channels); the rollups are what the app writes for them (the activity by the
// analytics migration's own backfill statement, latency, top questions and visitors as the chat
// pipeline keeps them). Prints time to first byte and to the last byte (p50, p95) of the 90-day
// view per page and size, and the ratio large ÷ small (the aim: ≤ 1.5×). Loopback only.
import { randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import Database from "libsql";
import { encode } from "@auth/core/jwt";
import { migrate } from "../scripts/db-migrate.mjs";
import { resetDatabase } from "../scripts/db-reset.mjs";
import { buildIfNeeded, startProductionServer, stopProductionServer } from "./proc.mjs";

const PORT = 3220;
const BASE = `http://127.0.0.1:${PORT}`;
const DB_FILE = "./data/bench-analytics.db";
const DB_URL = `file:${DB_FILE}`;
const SECRET = "bench-secret-bench-secret-bench-secret";
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
const DAYS = 90;
const CHANNELS = ["playground", "page", "widget", "api"];
const QUESTIONS = Array.from({ length: 400 }, (_, i) => `question number ${i} about opening hours`);

buildIfNeeded();
await resetDatabase(DB_URL);
process.env.DATABASE_URL = DB_URL;
await migrate({ quiet: true });

const db = new Database(DB_FILE);
db.prepare("PRAGMA journal_mode = WAL").get();
const now = Date.now();
const iso = (ms) => new Date(ms).toISOString().replace("Z", "+00:00");

/** An owner with a session cookie, and one built-in bot. */
async function owner(name) {
  const userId = randomUUID();
  const botId = randomUUID();
  const at = iso(now);
  db.prepare(`INSERT INTO "User" (id, username, email, passwordHash, createdAt, updatedAt) VALUES (?, ?, ?, '', ?, ?)`).run(userId, name, `${name}@example.test`, at, at);
  db.prepare(`INSERT INTO "Chatbot" (id, ownerId, name, provider, model, publicId, createdAt, updatedAt) VALUES (?, ?, ?, 'openai', 'gpt-4o-mini', ?, ?, ?)`).run(botId, userId, name, randomUUID(), at, at);
  const sid = randomUUID();
  db.prepare(`INSERT INTO "Session" (sessionToken, userId, expires, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`).run(sid, userId, iso(now + 86_400_000), at, at);
  const token = await encode({ salt: "authjs.session-token", secret: SECRET, token: { uid: userId, sid, sv: 0, remember: true, loginAt: Math.floor(now / 1000) } });
  return { botId, cookie: `authjs.session-token=${token}` };
}

/** `messages` messages of one bot over the last 90 days, in conversations of ten, then its rollups. */
function seed(botId, messages) {
  const started = performance.now();
  const conversations = messages / 10;
  const span = DAYS * 86_400_000 - 3_600_000;
  const visitors = Math.max(10, Math.round(conversations / 2));
  const conversation = db.prepare(`INSERT INTO "Conversation" (id, chatbotId, source, visitorId, channel, startedAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const message = db.prepare(
    `INSERT INTO "Message" (id, conversationId, chatbotId, role, content, provider, model, inputTokens, outputTokens, latencyMs, fallback, rating, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const latency = new Map();
  const top = new Map();
  db.exec("BEGIN");
  for (let c = 0; c < conversations; c++) {
    const id = `c${botId.slice(0, 8)}${c}`;
    const start = now - span + Math.floor((c / conversations) * span);
    const channel = CHANNELS[c % 4];
    const visitor = channel === "page" || channel === "widget" ? `v${c % visitors}` : null;
    conversation.run(id, botId, channel === "page" || channel === "widget" ? "public" : channel, visitor, visitor ? channel : null, iso(start), iso(start + 5 * 60_000));
    for (let m = 0; m < 10; m += 2) {
      const at = start + m * 30_000;
      // A Zipf-like spread: a few questions are asked often, most rarely.
      const question = QUESTIONS[Math.floor(QUESTIONS.length * Math.random() ** 3)];
      const ms = 300 + Math.floor(Math.random() * 2000);
      message.run(`${id}m${m}`, id, botId, "user", question, null, null, null, null, null, 0, null, iso(at));
      message.run(`${id}m${m + 1}`, id, botId, "assistant", "We open at nine.", "openai", "gpt-4o-mini", 120, 30, ms, m % 6 === 0 ? 1 : 0, m === 2 ? 1 : null, iso(at + 1000));
      const day = new Date(at).toISOString().slice(0, 10);
      const bucket = `${day}|${Math.ceil(4 * Math.log2(ms))}`;
      latency.set(bucket, (latency.get(bucket) ?? 0) + 1);
      if (channel !== "playground") {
        const perDay = top.get(day) ?? new Map();
        perDay.set(question, (perDay.get(question) ?? 0) + 1);
        top.set(day, perDay);
      }
    }
  }
  const lat = db.prepare(`INSERT INTO "BotLatency" (chatbotId, day, bucket, count) VALUES (?, ?, ?, ?)`);
  for (const [key, count] of latency) lat.run(botId, key.split("|")[0], Number(key.split("|")[1]), count);
  // What Space-Saving keeps of a day: its 50 most asked (exact here, which is what it converges to).
  const q = db.prepare(`INSERT INTO "BotTopQuestion" (chatbotId, day, key, text, count) VALUES (?, ?, ?, ?, ?)`);
  for (const [day, counts] of top) for (const [text, count] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 50)) q.run(botId, day, text, text, count);
  db.exec("COMMIT");
  process.stderr.write(`seeded ${messages.toLocaleString("en")} messages in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

/** The activity and visitors exactly as the analytics migration counts stored history. */
function backfill() {
  const migration = readdirSync("prisma/migrations").find((d) => d.endsWith("_analytics_rollups"));
  const sql = readFileSync(`prisma/migrations/${migration}/migration.sql`, "utf8").split("-- Backfill")[1];
  db.exec(`DELETE FROM "BotActivity"; DELETE FROM "BotVisitor";`);
  db.exec(sql.slice(sql.indexOf("INSERT")));
  for (const row of db.prepare(`SELECT chatbotId, COUNT(*) AS n FROM "BotActivity" GROUP BY chatbotId`).all()) process.stderr.write(`${row.chatbotId}: ${row.n} activity rows\n`);
}

const small = await owner("small");
const large = await owner("large");
seed(small.botId, 1_000);
seed(large.botId, 1_000_000);
backfill();
db.exec("ANALYZE");
db.close();

const server = await startProductionServer(PORT, { DATABASE_URL: DB_URL, AUTH_SECRET: SECRET });

/** ms to the first byte of the body and to its end. */
async function timed(path, cookie) {
  const started = performance.now();
  const response = await fetch(`${BASE}${path}`, { headers: { cookie: `${cookie}; tz=Europe/Berlin` }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  const reader = response.body.getReader();
  let first = null;
  for (;;) {
    const { done } = await reader.read();
    if (first === null) first = performance.now() - started;
    if (done) break;
  }
  return { ttfb: first, total: performance.now() - started };
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};

try {
  const pages = [
    ["analytics page (90 days)", (who) => `/chatbots/${who.botId}/analytics?days=90`],
    ["dashboard (90 days)", () => `/dashboard?days=90`],
  ];
  // The first look at 90 days fills in the kept local days from the 15-minute slots (once per bot,
  // time zone and day); every later look reads them. Timed once each, after one look at another
  // page so the server's own first-request work is not in it.
  await timed(`/profile`, small.cookie);
  const first = [];
  for (const [name, path] of pages) for (const who of [small, large]) first.push(`${name}, ${who === small ? "1,000" : "1,000,000"}: ${(await timed(path(who), who.cookie)).total.toFixed(0)} ms`);
  console.log(`\nFirst look (fills the kept days):\n  ${first.join("\n  ")}`);
  // Warm both (compilation caches, the first query plans), then alternate so drift hits both alike.
  for (const [, path] of pages) for (const who of [small, large]) for (let i = 0; i < 3; i++) await timed(path(who), who.cookie);
  console.log(`\nAnalytics TTFB and full response, ${SAMPLES} requests each, p50 / p95 in ms:\n`);
  console.log("page                       | 1,000 messages            | 1,000,000 messages        | ratio (p50, full)");
  for (const [name, path] of pages) {
    const figures = { small: [], large: [] };
    for (let i = 0; i < SAMPLES; i++) {
      figures.small.push(await timed(path(small), small.cookie));
      figures.large.push(await timed(path(large), large.cookie));
    }
    const show = (list) => `${pct(list.map((f) => f.ttfb), 0.5).toFixed(0)}/${pct(list.map((f) => f.ttfb), 0.95).toFixed(0)} ttfb, ${pct(list.map((f) => f.total), 0.5).toFixed(0)}/${pct(list.map((f) => f.total), 0.95).toFixed(0)} full`;
    const ratio = pct(figures.large.map((f) => f.total), 0.5) / pct(figures.small.map((f) => f.total), 0.5);
    console.log(`${name.padEnd(26)} | ${show(figures.small).padEnd(25)} | ${show(figures.large).padEnd(25)} | ${ratio.toFixed(2)}× ${ratio <= 1.5 ? "(within 1.5×)" : "(ABOVE 1.5×)"}`);
  }
} finally {
  await stopProductionServer(server);
}
