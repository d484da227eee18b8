// npm run bench [-- --runs 3]: every figure of the speed issue's table, on the production build,
// side by side in one run on this machine. Each row is a ratio against a baseline measured in the
// same run (a bare route handler in the same build, the same page with less data, `next start`),
// so the figures travel between machines better than milliseconds do. Prints the table (the
// issue's "before" and target beside this run) and writes it as JSON to bench/results/.
// With --runs N the whole measurement runs N times (a fresh server each) and the table shows the
// median and the spread (min–max). The bare routes exist only with BENCH_BARE_ROUTE=true, which
// the benchmark sets and no deployment does. Loopback only; every loop is bounded.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import { parseArgs } from "node:util";
import Database from "libsql";
import { encode } from "@auth/core/jwt";
import { migrate } from "../scripts/db-migrate.mjs";
import { resetDatabase } from "../scripts/db-reset.mjs";
import { startFakeLlm } from "../scripts/fake-llm.mjs";
import { buildIfNeeded, cpuSeconds, startProductionServer, stopProductionServer, timedStream } from "./proc.mjs";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "1" } } });
const RUNS = Math.max(1, Math.min(9, Number(args.runs) || 1));
const PORT = 3210;
const BASE = `http://127.0.0.1:${PORT}`;
const DB_FILE = "./data/bench-all.db";
const DB_URL = `file:${DB_FILE}`;
const SECRET = "bench-secret-bench-secret-bench-secret";
const WORDS = 20;
const FAKE_PACE_MS = 10;

const median = (values) => pct(values, 50);
function pct(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (line) => process.stderr.write(`${line}\n`);

buildIfNeeded();

// ---------------------------------------------------------------------------------------------
// The data: written straight to a fresh SQLite file, so seeding 100,000 messages takes a second.

function seed() {
  const db = new Database(DB_FILE);
  const now = Date.now();
  const iso = (ms) => new Date(ms).toISOString();
  const insert = (table, row) => {
    const keys = Object.keys(row);
    db.prepare(`INSERT INTO "${table}" (${keys.map((k) => `"${k}"`).join(", ")}) VALUES (${keys.map(() => "?").join(", ")})`).run(
      keys.map((k) => (typeof row[k] === "boolean" ? Number(row[k]) : row[k])),
    );
  };
  const sessions = [];
  const user = (name) => {
    const id = randomUUID();
    insert("User", { id, username: name, email: `${name}@example.test`, passwordHash: "", createdAt: iso(now), updatedAt: iso(now) });
    const sid = randomUUID();
    insert("Session", { sessionToken: sid, userId: id, expires: iso(now + 86_400_000), createdAt: iso(now), updatedAt: iso(now) });
    sessions.push({ name, id, sid });
    return id;
  };
  const bot = (ownerId, fields) => {
    const id = randomUUID();
    insert("Chatbot", { id, ownerId, name: "Bench", provider: "builtin", model: "", publicId: randomBytes(16).toString("base64url"), createdAt: iso(now), updatedAt: iso(now), ...fields });
    return id;
  };
  const entries = (chatbotId, list) => list.forEach(([question, answer], position) => insert("KnowledgeEntry", { id: randomUUID(), chatbotId, question, answer, position, createdAt: iso(now), updatedAt: iso(now) }));
  // ~2,000 characters, as a real FAQ's long answer.
  const longAnswer = (topic) => Array.from({ length: 300 }, (_, i) => `${topic}${i % 7 === 0 ? "." : ""}`).join(" ");
  const topics = (n) => Array.from({ length: n }, (_, i) => [`How does feature ${i} of product line ${i % 37} work for order type ${i % 11}?`, longAnswer(`detail${i}`)]);
  const messages = (chatbotId, count, perConversation) => {
    db.exec("BEGIN");
    for (let c = 0; c < count / perConversation; c++) {
      const conversationId = randomUUID();
      // Spread over the last six days: all of it inside the dashboard's 7-day window.
      const started = now - Math.floor(((c * perConversation) / count) * 6 * 86_400_000) - 60_000;
      insert("Conversation", { id: conversationId, chatbotId, source: "playground", startedAt: iso(started), updatedAt: iso(started + perConversation * 1000) });
      for (let m = 0; m < perConversation; m++) {
        insert("Message", { id: randomUUID(), conversationId, chatbotId, role: m % 2 ? "assistant" : "user", content: m % 2 ? "Orders leave within one working day and arrive in two to three days." : "When will my order arrive?", createdAt: iso(started + m * 1000) });
      }
    }
    db.exec("COMMIT");
  };

  const owner = user("bench");
  db.prepare(`UPDATE "User" SET role = 'ADMIN' WHERE id = ?`).run([owner]); // the admin pages are measured too
  const builtinBot = bot(owner, { name: "Built-in", publicPageEnabled: true, widgetEnabled: true });
  // The reply: exactly WORDS chunks (the built-in model streams word by word), as the bare route's.
  entries(builtinBot, [["opening hours", Array.from({ length: WORDS }, (_, i) => `word${i}`).join(" ")]]);
  const llmBot = bot(owner, { name: "LLM", provider: "openai", model: "bench-model", maxOutputTokens: 256 });
  const quotaBot = bot(owner, { name: "Quota", dailyMessageQuota: 1_000_000 });
  entries(quotaBot, [["opening hours", "A short answer."]]);
  const kb10 = bot(owner, { name: "Ten entries" });
  entries(kb10, topics(10));
  const kb1000 = bot(owner, { name: "Thousand entries" });
  entries(kb1000, topics(1000));
  const small = user("small");
  messages(bot(small, { name: "Small" }), 100, 10);
  const big = user("big");
  const bigBot = bot(big, { name: "Big" });
  messages(bigBot, 100_000, 20);
  const tenThousandBot = bot(big, { name: "Ten thousand" });
  messages(tenThousandBot, 10_000, 20);
  const publicId = db.prepare(`SELECT "publicId" FROM "Chatbot" WHERE id = ?`).get([builtinBot]).publicId;
  db.close();
  return { sessions, publicId, builtinBot, llmBot, quotaBot, kb10, kb1000, bigBot, tenThousandBot, question: topics(1000)[5][0] };
}

const cookieFor = async ({ id, sid }) =>
  `authjs.session-token=${await encode({ salt: "authjs.session-token", secret: SECRET, token: { uid: id, sid, sv: 0, remember: true, loginAt: Math.floor(Date.now() / 1000) } })}`;

// ---------------------------------------------------------------------------------------------
// Requests.

/** POSTs and reads the whole streamed chat body; ms to the first text event and to the end. */
const streamed = (url, init) => timedStream(url, { method: "POST", ...init }, (text) => text.includes('"type":"text"'));

/** `count` calls of `once` spread over `concurrency` callers: completed per second and the server's CPU per call. */
async function load(once, concurrency, count, serverPid) {
  let errors = 0;
  let done = 0;
  const cpuBefore = cpuSeconds(serverPid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; i < count; i += concurrency) {
        try {
          await once();
          done++;
        } catch (error) {
          if (errors++ === 0) log(String(error).slice(0, 300));
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: done / seconds, cpuMs: ((cpuSeconds(serverPid) - cpuBefore) * 1000) / Math.max(1, done), errors };
}

async function firstByte(url, cookie) {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const reader = response.body.getReader();
  await reader.read();
  const ttfb = performance.now() - started;
  while (!(await reader.read()).done);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return ttfb;
}

/** Resolves once nothing listens on the port any more (a TCP connect, so no keep-alive socket holds a server up). */
async function portFree(port) {
  const listening = () =>
    new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
  for (let i = 0; i < 100; i++) {
    if (!(await listening())) return;
    await sleep(100);
  }
  throw new Error(`port ${port} is still in use`);
}

/** ms from spawning `command` to its first 200 on /api/health. */
async function timeToFirst200(command, argv, port, env) {
  await portFree(port);
  const started = performance.now();
  const child = spawn(command, argv, { env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: "ignore", detached: true });
  try {
    for (let i = 0; i < 600; i++) {
      if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return performance.now() - started;
      await sleep(10);
    }
    throw new Error(`${command} did not answer`);
  } finally {
    await stopProductionServer(child); // npm start's whole group: npm, sh, next
  }
}

// ---------------------------------------------------------------------------------------------
// One run of every row.

async function run(index) {
  log(`\n== Run ${index + 1} of ${RUNS}: seeding (100,000 messages)…`);
  const fake = await startFakeLlm({ reply: Array.from({ length: WORDS }, (_, i) => `token${i}`).join(" "), paceMs: FAKE_PACE_MS });
  await resetDatabase(DB_URL);
  process.env.DATABASE_URL = DB_URL;
  await migrate({ quiet: true });
  const data = seed();
  const [owner, small, big] = await Promise.all(data.sessions.map(cookieFor));
  const json = { "content-type": "application/json" };
  const serverEnv = {
    DATABASE_URL: DB_URL,
    AUTH_SECRET: SECRET,
    OPENAI_BASE_URL: `${fake.url}/v1`,
    OPENAI_API_KEY: "sk-bench",
    CHAT_PER_USER_PER_MINUTE: "100000",
    BENCH_BARE_ROUTE: "true",
  };
  const result = {};
  const chat = (botId, message = "opening hours", extra = {}) =>
    streamed(`${BASE}/api/chatbots/${botId}/chat`, { headers: { ...json, cookie: owner }, body: JSON.stringify({ message, ...extra }) });
  const bare = (query) => streamed(`${BASE}/api/bench/bare?${query}`, {});

  let server = await startProductionServer(PORT, { ...serverEnv, NODE_OPTIONS: "--expose-gc" });
  try {
    // Warm up both sides: first compiles, first connections, the knowledge indexes built once.
    for (let i = 0; i < 20; i++) await Promise.all([chat(data.builtinBot), bare("chunks=20"), chat(data.llmBot), bare("relay")]);
    const sample = (await chat(data.builtinBot)).text.match(/"type":"text"/g)?.length;
    if (sample !== WORDS) throw new Error(`the built-in bot answered in ${sample} chunks, not ${WORDS}: its Q&A entry did not match`);
    const cold = { kb10: (await chat(data.kb10, data.question)).total, kb1000: (await chat(data.kb1000, data.question)).total };

    log("throughput and CPU: built-in reply vs a bare route streaming the same 20 chunks…");
    result.throughput = {};
    for (const concurrency of [1, 10, 50]) {
      const count = concurrency === 1 ? 200 : 600;
      const b = await load(() => bare("chunks=20"), concurrency, count, server.pid);
      const a = await load(() => chat(data.builtinBot), concurrency, count, server.pid);
      result.throughput[concurrency] = { app: a.perSecond, bare: b.perSecond, ratio: a.perSecond / b.perSecond, appCpuMs: a.cpuMs, bareCpuMs: b.cpuMs, errors: a.errors + b.errors };
    }
    const cpu = result.throughput[10];
    result.cpu = { appMs: cpu.appCpuMs, bareMs: cpu.bareCpuMs, ratio: cpu.appCpuMs / cpu.bareCpuMs };

    log("time to first token: an LLM bot vs a bare route relaying the same fake provider through the AI SDK…");
    const ttft = { app: [], bare: [] };
    for (let i = 0; i < 80; i++) {
      ttft.bare.push((await bare("relay")).ttft);
      ttft.app.push((await chat(data.llmBot)).ttft);
    }
    result.ttft = { appP50: median(ttft.app), bareP50: median(ttft.bare), ownShareP50: median(ttft.app) - median(ttft.bare), appP95: pct(ttft.app, 95), bareP95: pct(ttft.bare, 95) };

    log("built-in reply time: 1,000 long Q&A entries vs 10…");
    const reply = { kb10: [], kb1000: [] };
    for (let i = 0; i < 30; i++) {
      reply.kb10.push((await chat(data.kb10, data.question)).total);
      reply.kb1000.push((await chat(data.kb1000, data.question)).total);
    }
    result.builtinReply = { kb10Ms: median(reply.kb10), kb1000Ms: median(reply.kb1000), ratio: median(reply.kb1000) / median(reply.kb10), coldKb10Ms: cold.kb10, coldKb1000Ms: cold.kb1000 };

    log("/dashboard: 100,000 messages vs 100…");
    const dash = { small: [], big: [] };
    for (let i = 0; i < 3; i++) await Promise.all([firstByte(`${BASE}/dashboard`, small), firstByte(`${BASE}/dashboard`, big)]);
    for (let i = 0; i < 30; i++) {
      dash.small.push(await firstByte(`${BASE}/dashboard`, small));
      dash.big.push(await firstByte(`${BASE}/dashboard`, big));
    }
    result.dashboard = { smallMs: median(dash.small), bigMs: median(dash.big), ratio: median(dash.big) / median(dash.small) };

    log("export of 100,000 messages (JSON and CSV), server memory sampled every 10 ms…");
    result.export = {};
    // Flat memory: what the server holds while it exports 100,000 messages, beside the same export
    // of 10,000 (held data would be ten times as much). Held = the live heap after a full garbage
    // collection (the server runs with --expose-gc; the bare route collects before it answers),
    // sampled every 50 ms; the peak RSS is reported too. The time comes from an unsampled export.
    const memory = () => fetch(`${BASE}/api/bench/bare?memory`).then((r) => r.json());
    const exportOnce = async (botId, format, sample) => {
      await sleep(300);
      const before = await memory();
      let peakHeap = before.heapUsed;
      let peakRss = before.rss;
      let sampling = sample;
      const sampler = (async () => {
        while (sampling) {
          const now = await memory();
          peakHeap = Math.max(peakHeap, now.heapUsed);
          peakRss = Math.max(peakRss, now.rss);
          await sleep(50);
        }
      })();
      const started = performance.now();
      const response = await fetch(`${BASE}/api/chatbots/${botId}/conversations/export?format=${format}`, { headers: { cookie: big } });
      let bytes = 0;
      for await (const chunk of response.body) bytes += chunk.length;
      const seconds = (performance.now() - started) / 1000;
      sampling = false;
      await sampler;
      if (!response.ok) throw new Error(`export: ${response.status}`);
      return { seconds, megabytes: bytes / 1e6, heapBeforeMb: before.heapUsed / 2 ** 20, heapGrowthMb: (peakHeap - before.heapUsed) / 2 ** 20, rssPeakMb: peakRss / 2 ** 20 };
    };
    for (const format of ["json", "csv"]) {
      const { seconds } = await exportOnce(data.bigBot, format, false);
      const small = await exportOnce(data.tenThousandBot, format, true);
      const large = await exportOnce(data.bigBot, format, true);
      result.export[format] = { ...large, seconds, smallHeapGrowthMb: small.heapGrowthMb };
    }

    log("first-load JavaScript per page (Chromium)…");
    execFileSync("bash", ["scripts/ensure-chromium.sh"], { stdio: ["ignore", "ignore", "inherit"] });
    const { measureFirstLoad } = await import("./first-load.mjs");
    const db = new Database(DB_FILE);
    const conversation = db.prepare(`SELECT id FROM "Conversation" WHERE "chatbotId" = ? LIMIT 1`).get([data.builtinBot]).id;
    db.close();
    const bot = `/chatbots/${data.builtinBot}`;
    const anonymous = await measureFirstLoad({ baseUrl: BASE, cookie: "", paths: ["/", "/login", "/register"] });
    const paths = ["/dashboard", "/chatbots", "/chatbots/new", "/chatbots/templates", bot, `${bot}/knowledge`, `${bot}/conversations`, `${bot}/conversations/${conversation}`, `${bot}/channels`, `${bot}/edit`, "/profile", "/api-keys", "/admin", "/admin/bots", "/admin/audit", `/b/${data.publicId}`, `/embed/${data.publicId}`];
    const label = (path) => path.replace(data.builtinBot, "<id>").replace(conversation, "<conversationId>").replace(data.publicId, "<publicId>");
    result.firstLoad = [...anonymous, ...(await measureFirstLoad({ baseUrl: BASE, cookie: owner, paths }))].map((page) => ({ ...page, path: label(page.path) }));
  } finally {
    await stopProductionServer(server);
  }

  log("database statements per chat message (a server counting them)…");
  await portFree(PORT);
  server = await startProductionServer(PORT, { ...serverEnv, BENCH_COUNT_STATEMENTS: "true" });
  try {
    const counts = () => fetch(`${BASE}/api/bench/bare?statements`).then((r) => r.json());
    const measure = async (botId, extra = {}) => {
      const before = await counts();
      const { text } = await chat(botId, undefined, extra);
      const after = await counts();
      const atFirst = after.atFirstToken;
      const diff = (a, b) => ({ statements: a.statements - b.statements, transactions: a.transactions - b.transactions });
      return { beforeFirstToken: diff(atFirst, before), whole: diff(after, before), conversationId: /"conversationId":"([^"]+)"/.exec(text)?.[1] };
    };
    for (let i = 0; i < 3; i++) await chat(data.builtinBot); // the first request pays for the connection
    const first = await measure(data.builtinBot);
    const next = await measure(data.builtinBot, { conversationId: first.conversationId });
    const quota = await measure(data.quotaBot);
    result.statements = { newConversation: first, continuing: next, withQuota: quota };
  } finally {
    await stopProductionServer(server);
  }

  log("start: npm start vs next start, to the first 200…");
  const startEnv = { DATABASE_URL: DB_URL, AUTH_SECRET: SECRET, PORT: String(PORT) };
  // Also the start script without npm: what is ours (the setup), apart from npm's own start-up.
  const starts = { npm: [], script: [], next: [] };
  const where = ["-p", String(PORT), "-H", "127.0.0.1"];
  for (let i = 0; i < 3; i++) {
    starts.next.push(await timeToFirst200("node_modules/.bin/next", ["start", ...where], PORT, startEnv));
    starts.npm.push(await timeToFirst200("npm", ["start", "--silent", "--", ...where], PORT, startEnv));
    starts.script.push(await timeToFirst200(process.execPath, ["scripts/start.mjs", "start", ...where], PORT, startEnv));
  }
  const [npmMs, scriptMs, nextMs] = [median(starts.npm), median(starts.script), median(starts.next)];
  result.start = { npmMs, scriptMs, nextMs, ratio: npmMs / nextMs, scriptRatio: scriptMs / nextMs };

  await fake.close();
  return result;
}

// ---------------------------------------------------------------------------------------------
// The table.

const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await run(i));

/** The median of a figure over the runs, with its spread when there is more than one run. */
function figure(read, digits = 2) {
  const values = runs.map(read).filter((v) => typeof v === "number" && Number.isFinite(v));
  if (!values.length) return { text: "—", value: NaN };
  const m = median(values);
  const spread = values.length > 1 ? ` (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})` : "";
  return { text: `${m.toFixed(digits)}${spread}`, value: m };
}
const ok = (met) => (met ? "yes" : "NO");

const rows = [];
const row = (measure, before, target, now, met, detail) => rows.push({ measure, before, target, now, met: ok(met), detail });
for (const c of [1, 10, 50]) {
  const f = figure((r) => r.throughput[c].ratio);
  row(`chat req/s ÷ bare stream, ${c} concurrent`, { 1: "0.14", 10: "0.09", 50: "0.11" }[c], "≥ 0.5", f.text, f.value >= 0.5,
    `${figure((r) => r.throughput[c].app, 0).text} vs ${figure((r) => r.throughput[c].bare, 0).text} req/s`);
}
{
  const f = figure((r) => r.cpu.ratio, 1);
  row("server CPU per message ÷ bare stream", "9–12×", "≤ 3×", `${f.text}×`, f.value <= 3, `${figure((r) => r.cpu.appMs).text} vs ${figure((r) => r.cpu.bareMs).text} ms (10 concurrent)`);
}
{
  const s = (kind, part, what) => figure((r) => r.statements[kind][part][what], 0);
  const firstStatements = s("newConversation", "beforeFirstToken", "statements");
  const firstTx = s("newConversation", "beforeFirstToken", "transactions");
  const contStatements = s("continuing", "beforeFirstToken", "statements");
  const contTx = s("continuing", "beforeFirstToken", "transactions");
  const quotaStatements = s("withQuota", "beforeFirstToken", "statements");
  const quotaTx = s("withQuota", "beforeFirstToken", "transactions");
  row("DB statements before the first token (new conversation)", "12 + 2 tx (whole message)", "≤ 4, no tx", `${firstStatements.text} + ${firstTx.text} tx`, firstStatements.value <= 4 && firstTx.value === 0,
    `whole message ${s("newConversation", "whole", "statements").text} + ${s("newConversation", "whole", "transactions").text} tx`);
  row("DB statements before the first token (continuing)", "", "≤ 4, no tx", `${contStatements.text} + ${contTx.text} tx`, contStatements.value <= 4 && contTx.value === 0,
    `whole message ${s("continuing", "whole", "statements").text} + ${s("continuing", "whole", "transactions").text} tx`);
  row("DB statements before the first token (daily quota set)", "", "≤ 4, no tx", `${quotaStatements.text} + ${quotaTx.text} tx`, quotaStatements.value <= 4 && quotaTx.value === 0,
    `whole message ${s("withQuota", "whole", "statements").text} + ${s("withQuota", "whole", "transactions").text} tx`);
}
{
  const f = figure((r) => r.ttft.ownShareP50, 1);
  row("TTFT: our share (LLM bot − bare AI SDK relay), p50", "≈ 12 ms", "≤ 3 ms", `${f.text} ms`, f.value <= 3, `${figure((r) => r.ttft.appP50, 1).text} vs ${figure((r) => r.ttft.bareP50, 1).text} ms`);
}
{
  const f = figure((r) => r.builtinReply.ratio);
  row("built-in reply, 1,000 long entries ÷ 10", "13–19×", "≤ 1.5×", `${f.text}×`, f.value <= 1.5,
    `${figure((r) => r.builtinReply.kb1000Ms, 1).text} vs ${figure((r) => r.builtinReply.kb10Ms, 1).text} ms; first message (index built) ${figure((r) => r.builtinReply.coldKb1000Ms, 0).text} ms`);
}
{
  const f = figure((r) => r.dashboard.ratio);
  row("/dashboard TTFB, 100,000 messages ÷ 100", "1.65–1.83×", "≤ 1.2×", `${f.text}×`, f.value <= 1.2, `${figure((r) => r.dashboard.bigMs, 1).text} vs ${figure((r) => r.dashboard.smallMs, 1).text} ms`);
}
for (const format of ["json", "csv"]) {
  const growth = figure((r) => r.export[format].heapGrowthMb, 1);
  const small = figure((r) => r.export[format].smallHeapGrowthMb, 1);
  row(`export, 100,000 messages (${format}): heap held`, "46 MB held, 2.3–3.3 s", "flat", `+${growth.text} MB`, growth.value <= small.value + 5,
    `+${small.text} MB for 10,000; peak RSS ${figure((r) => r.export[format].rssPeakMb, 0).text} MB; ${figure((r) => r.export[format].seconds).text} s for ${figure((r) => r.export[format].megabytes, 1).text} MB`);
}
{
  const f = figure((r) => r.start.ratio);
  row("npm start to first 200 ÷ next start", "2.55×", "≤ 1.2×", `${f.text}×`, f.value <= 1.2, `${figure((r) => r.start.npmMs, 0).text} vs ${figure((r) => r.start.nextMs, 0).text} ms`);
  const own = figure((r) => r.start.scriptRatio);
  row("  the same without npm (node scripts/start.mjs)", "", "≤ 1.2×", `${own.text}×`, own.value <= 1.2, `${figure((r) => r.start.scriptMs, 0).text} ms: the rest is npm's own start-up`);
}
if (runs.every((r) => r.firstLoad)) {
  const worst = figure((r) => Math.max(...r.firstLoad.map((p) => p.jsGzipBytes)) / 1024, 1);
  const heaviest = runs[0].firstLoad.reduce((a, b) => (b.jsGzipBytes > a.jsGzipBytes ? b : a));
  row("first-load JS, gzip, heaviest page", "176–247 kB", "≤ 170 kB", `${worst.text} kB`, worst.value <= 170, `${heaviest.path}; every page below`);
}

const line = (cells, widths) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
const head = ["measure (ratio, same run)", "before (issue)", "target", `now (median of ${RUNS}${RUNS > 1 ? ", min–max" : ""})`, "met", "figures"];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(Object.values(r)[i]).length)));
console.log(`\nSpeed benchmark — production build, SQLite, node ${process.version}, ${os.cpus().length} cores, ${RUNS} run(s)\n`);
console.log(line(head, widths));
for (const r of rows) console.log(line(Object.values(r), widths));
if (runs[0].firstLoad) {
  console.log("\nFirst-load JS per page (gzip, kB):");
  for (const page of runs[0].firstLoad) console.log(`  ${page.path.padEnd(40)} ${figure((r) => r.firstLoad.find((p) => p.path === page.path)?.jsGzipBytes / 1024, 1).text}`);
}
mkdirSync("bench/results", { recursive: true });
const file = `bench/results/bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(file, JSON.stringify({ node: process.version, cores: os.cpus().length, runs, table: rows }, null, 2));
console.log(`\nWritten to ${file}`);
