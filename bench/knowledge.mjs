// npm run bench:knowledge — documents as knowledge at scale (issue 20's benchmark), on the
// production build, on SQLite and on PostgreSQL (BENCH_DATABASES=sqlite,postgresql; PostgreSQL at
// BENCH_PG_URL, a database of the bench's own that is emptied). For each database, from one run:
//  1. indexing throughput: pasted texts (Markdown, BENCH_INDEX_MB in all) written as sources with
//     their jobs, as the app's own enqueueIndex writes them, indexed by the server's job worker
//     (lib/knowledge/ingest.ts), MB/s to the last `ready`; beside the same extract + chunk + stem
//     work done in this process without the database (the work's own speed).
//  2. retrieval: a built-in-model bot's chat request (/api/chatbots/<id>/chat, the owner's session)
//     for a question that matches one of its passages, p50/p95 with 10, 1,000 and 10,000 pieces,
//     beside a bot with none (no search), and the 10,000 ÷ 10 ratio.
//  3. an LLM bot's time to first token (fake provider, scripts/fake-llm.mjs) with 10,000 pieces ÷
//     with none.
//  4. the server's memory (RSS of its process tree) after one question to each of BENCH_BOTS bots
//     with BENCH_PIECES pieces each, on a fresh server, beside a fresh server on the same database
//     before those pieces existed that answered as many questions to one bot with none.
// Pieces are written straight to the database in big transactions, their terms their words' stems
// by lib/knowledge/stem.ts (checked at start to equal what ingest.ts stores); the text is made of a
// made-up vocabulary drawn by Zipf's law, so terms are spread as in real text. Loopback only; progress goes to stderr; the
// figures are also written as JSON to bench/results/.
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import Database from "libsql";
import pg from "pg";
import { encode } from "@auth/core/jwt";
import { migrate } from "../scripts/db-migrate.mjs";
import { resetDatabase } from "../scripts/db-reset.mjs";
import { startFakeLlm } from "../scripts/fake-llm.mjs";
import { chunkSections } from "../lib/knowledge/chunk.ts";
import { extractFile } from "../lib/knowledge/extract.ts";
import { detectLanguage, stemmedTokens, tokens } from "../lib/knowledge/stem.ts";
import { buildIfNeeded, rssMb, startProductionServer, stopProductionServer, timedStream } from "./proc.mjs";

const PORT = 3204;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRET = "bench-secret-bench-secret-bench-secret";
const DATABASES = (process.env.BENCH_DATABASES ?? "sqlite,postgresql").split(",").map((s) => s.trim()).filter(Boolean);
const PG_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/bench_knowledge";
const SQLITE_URL = "file:./data/bench-knowledge.db";
const BOTS = Number(process.env.BENCH_BOTS ?? 1000);
const PIECES = Number(process.env.BENCH_PIECES ?? 1000);
const INDEX_MB = Number(process.env.BENCH_INDEX_MB ?? 8);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const SIZES = [10, 1000, 10000];
/** Words in a piece: ~800 characters as lib/knowledge/chunk.ts aims for; the memory set's are shorter (BENCH_MEM_WORDS) to keep its insert bounded. */
const PIECE_WORDS = 130;
const MEM_WORDS = Number(process.env.BENCH_MEM_WORDS ?? 60);
const WARMUP = 30;
/** Ids as Prisma's cuid() makes them: letters and digits only (a hyphen would split the bot's index token "zb<id>" into a phrase). */
const newId = () => `c${randomUUID().replace(/-/g, "")}`;

const log = (message) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const round = (v, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

// ── Text: a made-up vocabulary, words drawn by Zipf's law, English function words between ──────
let seed = 20;
const random = () => {
  // mulberry32: the same text every run
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const VOCABULARY = (() => {
  const consonants = "bdfgklmnprstvz";
  const vowels = "aeiou";
  const words = new Set();
  while (words.size < 20000) {
    let w = "";
    const syllables = 2 + Math.floor(random() * 2.2);
    for (let i = 0; i < syllables; i++) w += consonants[Math.floor(random() * consonants.length)] + vowels[Math.floor(random() * vowels.length)];
    if (random() < 0.3) w += "nrst"[Math.floor(random() * 4)];
    if (tokens(w).length === 1) words.add(w); // not a function word of any of the five languages
  }
  return [...words];
})();
const CUMULATIVE = (() => {
  const c = new Float64Array(VOCABULARY.length);
  let total = 0;
  for (let r = 0; r < VOCABULARY.length; r++) c[r] = total += 1 / (r + 3);
  return c;
})();
const word = () => {
  const x = random() * CUMULATIVE[CUMULATIVE.length - 1];
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo];
};
const FILLERS = ["the", "and", "of", "with", "for", "our", "is", "to", "in", "we"];
/** The stem of each vocabulary word in English, once: a piece's terms are its words' stems (checked against stemmedTokens below). */
const STEM = new Map(VOCABULARY.map((w) => [w, stemmedTokens(w, "en")[0]]));

/** A passage of about `n` words in sentences; its content words too. */
function passage(n) {
  const sentences = [];
  const content = [];
  let count = 0;
  while (count < n) {
    const length = 8 + Math.floor(random() * 8);
    const parts = [];
    for (let i = 0; i < length; i++) {
      if (i > 0 && random() < 0.3) parts.push(FILLERS[Math.floor(random() * FILLERS.length)]);
      else {
        const w = word();
        parts.push(w);
        content.push(w);
      }
    }
    parts[0] = parts[0][0].toUpperCase() + parts[0].slice(1);
    sentences.push(`${parts.join(" ")}.`);
    count += length;
  }
  return { text: sentences.join(" "), content };
}

/** A piece as ingest.ts stores it; `exact` computes the terms with stem.ts (else from the stems of its words, the same thing). */
function piece(n, exact) {
  const h = [word(), word()];
  const heading = `${h[0][0].toUpperCase()}${h[0].slice(1)} ${h[1]}`;
  const { text, content } = passage(n);
  const terms = exact ? stemmedTokens(`${heading}\n${text}`, detectLanguage(text)).join(" ") : [...h, ...content].map((w) => STEM.get(w)).join(" ");
  return { heading, text, terms, content };
}
{
  // The shortcut gives what ingest.ts would store.
  const saved = seed;
  for (let i = 0; i < 300; i++) {
    const s = seed;
    const words = i % 2 ? MEM_WORDS : PIECE_WORDS;
    const quick = piece(words, false);
    seed = s;
    const exact = piece(words, true);
    if (quick.terms !== exact.terms) throw new Error(`the quick terms differ from stemmedTokens:\n${quick.terms}\n${exact.terms}`);
  }
  seed = saved;
}
/** A visitor's question made of three of a passage's words. */
function question(content) {
  const pick = () => content[Math.floor(random() * content.length)];
  return `Do you have ${pick()} and ${pick()} with ${pick()}?`;
}

// ── The database, written straight ──────────────────────────────────────────────────────────
const BATCH = 500;

async function openDb(kind, url) {
  const stamp = (d = new Date()) => (kind === "sqlite" ? d.toISOString().replace("Z", "+00:00") : d.toISOString());
  if (kind === "sqlite") {
    const db = new Database(url.slice("file:".length));
    db.prepare("PRAGMA busy_timeout = 10000").all();
    const statements = new Map();
    const prepared = (text) => statements.get(text) ?? statements.set(text, db.prepare(text)).get(text);
    return {
      stamp,
      async run(text, params = []) {
        prepared(text.replace(/\$\d+/g, "?")).run(...params);
      },
      async get(text, params = []) {
        return prepared(text.replace(/\$\d+/g, "?")).all(...params);
      },
      async insert(table, columns, rows) {
        const statement = prepared(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
        db.exec("BEGIN");
        for (const row of rows) statement.run(...row);
        db.exec("COMMIT");
      },
      async close() {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    stamp,
    async run(text, params = []) {
      await client.query(text, params);
    },
    async get(text, params = []) {
      return (await client.query(text, params)).rows;
    },
    async insert(table, columns, rows) {
      await client.query("BEGIN");
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH);
        const values = batch.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(", ")})`).join(", ");
        await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${values}`, batch.flat());
      }
      await client.query("COMMIT");
    },
    async close() {
      await client.end();
    },
  };
}

const PIECE_COLUMNS = ["id", "chatbotId", "sourceId", "position", "heading", "text", "terms", "lang"];

/** A bot (built-in, or on the fake OpenAI-compatible provider), written straight. */
async function addBot(db, ownerId, name, llm = false) {
  const id = newId();
  const now = db.stamp();
  await db.run(
    `INSERT INTO "Chatbot" ("id", "ownerId", "name", "provider", "model", "maxOutputTokens", "publicId", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, 256, $6, $7, $8)`,
    [id, ownerId, name, llm ? "openai" : "builtin", llm ? "bench-model" : "", randomUUID(), now, now],
  );
  return id;
}

/** A ready text source of `count` generated pieces for each bot, in transactions of ~20,000 pieces; the question each bot is asked. */
async function addPieces(db, botIds, count, words, exact) {
  const questions = new Map();
  const now = db.stamp();
  let rows = [];
  const flush = async () => {
    await db.insert("KnowledgePiece", PIECE_COLUMNS, rows);
    rows = [];
  };
  let done = 0;
  for (const botId of botIds) {
    const sourceId = newId();
    await db.run(
      `INSERT INTO "KnowledgeSource" ("id", "chatbotId", "kind", "name", "size", "status", "pieceCount", "syncedAt", "createdAt", "updatedAt") VALUES ($1, $2, 'text', 'Bench text', $3, 'ready', $4, $5, $6, $7)`,
      [sourceId, botId, count * words * 7, count, now, now, now],
    );
    const asked = [];
    for (let position = 0; position < count; position++) {
      const p = piece(words, exact);
      rows.push([newId(), botId, sourceId, position, p.heading, p.text, p.terms, "en"]);
      if (asked.length < 200 && random() < 200 / count + 0.01) asked.push(question(p.content));
      if (rows.length >= 20000) await flush();
    }
    questions.set(botId, asked);
    done += count;
    if (botIds.length > 1 && (done / count) % 100 === 0) log(`  ${done.toLocaleString("en")} pieces written`);
  }
  if (rows.length) await flush();
  return questions;
}

// ── One database ────────────────────────────────────────────────────────────────────────────
async function benchDatabase(kind) {
  const url = kind === "sqlite" ? SQLITE_URL : PG_URL;
  const result = { database: kind };
  log(`${kind}: fresh database`);
  await resetDatabase(url);
  process.env.DATABASE_URL = url;
  await migrate({ quiet: true });
  let db = await openDb(kind, url);

  const userId = newId();
  const sid = randomUUID();
  const now = db.stamp();
  await db.run(`INSERT INTO "User" ("id", "username", "email", "passwordHash", "createdAt", "updatedAt") VALUES ($1, 'bench', 'bench@example.test', '', $2, $3)`, [userId, now, now]);
  await db.run(`INSERT INTO "Session" ("sessionToken", "userId", "expires", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5)`, [sid, userId, db.stamp(new Date(Date.now() + 86_400_000)), now, now]);
  const cookie = `authjs.session-token=${await encode({ salt: "authjs.session-token", secret: SECRET, token: { uid: userId, sid, sv: 0, remember: true, loginAt: Math.floor(Date.now() / 1000) } })}`;
  const builtin0 = await addBot(db, userId, "No documents");
  const llm0 = await addBot(db, userId, "LLM, no documents", true);
  const indexBot = await addBot(db, userId, "Indexing");

  const fake = await startFakeLlm({ reply: Array.from({ length: 20 }, (_, i) => `token${i}`).join(" "), paceMs: 10 });
  const env = {
    DATABASE_URL: url,
    AUTH_SECRET: SECRET,
    OPENAI_BASE_URL: `${fake.url}/v1`,
    OPENAI_API_KEY: "sk-bench",
    CHAT_PER_USER_PER_MINUTE: "100000",
    JOBS_POLL_SECONDS: "0.2",
  };
  const chat = (botId, message) =>
    timedStream(`${BASE}/api/chatbots/${botId}/chat`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ message }) }, (t) =>
      t.includes('"type":"text"'),
    );
  const warmUp = async () => {
    for (let i = 0; i < WARMUP; i++) {
      await chat(builtin0, `Do you have ${word()} and ${word()}?`);
      await chat(llm0, `Do you have ${word()} and ${word()}?`);
    }
  };
  /** Sends `messages` (bot id, text) in turn; the RSS at the end and the highest seen meanwhile. */
  const inTurn = async (server, messages) => {
    let peak = rssMb(server.pid);
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 250);
    const started = performance.now();
    let errors = 0;
    for (const [botId, message] of messages) await chat(botId, message).catch(() => errors++);
    clearInterval(sampler);
    const end = rssMb(server.pid);
    return { rssMb: end, peakRssMb: Math.max(peak, end), seconds: round((performance.now() - started) / 1000), errors };
  };

  log(`${kind}: starting the server (empty knowledge)`);
  let server = await startProductionServer(PORT, env);
  try {
    // 4 (baseline): a fresh server with no documents anywhere, after the warm-up, answering as many questions.
    await warmUp();
    const emptyRss = rssMb(server.pid);
    log(`${kind}: empty server ${emptyRss} MB after the warm-up; ${BOTS} questions to a bot with no documents`);
    result.memoryBaseline = { afterWarmUpMb: emptyRss, ...(await inTurn(server, Array.from({ length: BOTS }, () => [builtin0, `Do you have ${word()} and ${word()} with ${word()}?`]))) };

    // 1. Indexing through the server's job worker.
    const texts = [];
    const perSource = 256 * 1024;
    for (let bytes = 0; bytes < INDEX_MB * 1024 * 1024; ) {
      let text = "";
      while (text.length < perSource) text += `## ${passage(3).text.slice(0, -1)}\n\n${passage(80).text}\n\n${passage(60).text}\n\n`;
      texts.push(Buffer.from(text));
      bytes += texts.at(-1).byteLength;
    }
    const totalMb = texts.reduce((n, t) => n + t.byteLength, 0) / 1024 / 1024;
    log(`${kind}: indexing ${texts.length} texts, ${round(totalMb)} MB, through the job worker`);
    const ids = texts.map(() => newId());
    let stamp = db.stamp();
    await db.insert(
      "KnowledgeSource",
      ["id", "chatbotId", "kind", "name", "fileType", "content", "size", "status", "createdAt", "updatedAt"],
      texts.map((t, i) => [ids[i], indexBot, "text", `Bench text ${i}`, "markdown", t, t.byteLength, "queued", stamp, stamp]),
    );
    const indexStarted = performance.now();
    stamp = db.stamp();
    await db.insert(
      "Job",
      ["id", "kind", "payload", "key", "status", "attempts", "maxAttempts", "runAt", "createdAt", "updatedAt"],
      ids.map((id) => [`j${randomUUID().replace(/-/g, "")}`, "knowledge.index", JSON.stringify({ sourceId: id }), `index:${id}`, "queued", 0, 4, stamp, stamp, stamp]),
    );
    for (let i = 0; ; i++) {
      const [row] = await db.get(`SELECT COUNT(*) AS "n", SUM(CASE WHEN "status" = 'failed' THEN 1 ELSE 0 END) AS "failed" FROM "KnowledgeSource" WHERE "chatbotId" = $1 AND "status" IN ('ready', 'failed')`, [indexBot]);
      if (Number(row.failed) > 0) throw new Error(`${row.failed} texts failed to index`);
      if (Number(row.n) === texts.length) break;
      if (i % 50 === 0) log(`  ${row.n} of ${texts.length} ready`);
      if (performance.now() - indexStarted > 600_000) throw new Error("indexing took over 10 minutes");
      await new Promise((r) => setTimeout(r, 50));
    }
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    const [{ n: indexedPieces }] = await db.get(`SELECT COUNT(*) AS "n" FROM "KnowledgePiece" WHERE "chatbotId" = $1`, [indexBot]);
    // The same work in this process, without the database or the queue.
    const inProcessStarted = performance.now();
    for (const t of texts) {
      const extracted = await extractFile(new Uint8Array(t), "text.md", { maxBytes: 50 * 1024 * 1024, maxPdfPages: 500 });
      for (const p of chunkSections(extracted.sections)) stemmedTokens(`${p.heading ?? ""}\n${p.text}`, detectLanguage(p.text)).join(" ");
    }
    const inProcessSeconds = (performance.now() - inProcessStarted) / 1000;
    result.indexing = {
      megabytes: round(totalMb, 2),
      texts: texts.length,
      pieces: Number(indexedPieces),
      seconds: round(indexSeconds, 2),
      mbPerSecond: round(totalMb / indexSeconds, 2),
      inProcessMbPerSecond: round(totalMb / inProcessSeconds, 2),
    };
    log(`${kind}: indexed at ${result.indexing.mbPerSecond} MB/s (in-process ${result.indexing.inProcessMbPerSecond} MB/s)`);

    // 2. Retrieval at 10, 1,000 and 10,000 pieces; 3. an LLM bot's first token with 10,000.
    const bots = {};
    const asked = {};
    for (const size of SIZES) {
      bots[size] = await addBot(db, userId, `${size} pieces`);
      log(`${kind}: writing ${size} pieces`);
      asked[size] = (await addPieces(db, [bots[size]], size, PIECE_WORDS, false)).get(bots[size]);
    }
    const llm10k = await addBot(db, userId, "LLM, 10,000 pieces", true);
    log(`${kind}: writing 10000 pieces for the LLM bot`);
    const llmAsked = (await addPieces(db, [llm10k], 10000, PIECE_WORDS, false)).get(llm10k);
    if (kind === "postgresql") await db.run("ANALYZE");
    log(`${kind}: retrieval, ${SAMPLES} questions per bot`);
    const questionAt = (list, i) => list[i % list.length];
    for (let i = 0; i < 10; i++) for (const size of SIZES) await chat(bots[size], questionAt(asked[size], i));
    const times = { 0: [], ...Object.fromEntries(SIZES.map((s) => [s, []])) };
    let answeredFromDocs = 0;
    for (let i = 0; i < SAMPLES; i++) {
      times[0].push((await chat(builtin0, questionAt(asked[10000], i))).total);
      for (const size of SIZES) {
        const reply = await chat(bots[size], questionAt(asked[size], i));
        times[size].push(reply.total);
        if (size === 10000 && reply.text.includes('"type":"sources"')) answeredFromDocs++;
      }
    }
    const figures = (values) => ({ p50: round(pct(values, 50)), p95: round(pct(values, 95)) });
    result.retrieval = {
      measuredAs: "whole reply of a built-in-model bot's POST /api/chatbots/<id>/chat, ms",
      none: figures(times[0]),
      ...Object.fromEntries(SIZES.map((s) => [s, figures(times[s])])),
      answeredFromDocumentsAt10000: `${answeredFromDocs} of ${SAMPLES}`,
    };
    result.retrieval.ratio10000to10 = round(result.retrieval[10000].p50 / result.retrieval[10].p50, 2);
    result.retrieval.ratio10000to10p95 = round(result.retrieval[10000].p95 / result.retrieval[10].p95, 2);
    log(`${kind}: retrieval 10 → 10,000 pieces: ×${result.retrieval.ratio10000to10} at p50`);

    const ttft = { none: [], with10000: [] };
    for (let i = 0; i < 10; i++) await chat(llm10k, questionAt(llmAsked, i));
    for (let i = 0; i < Math.max(20, Math.round(SAMPLES / 2)); i++) {
      const q = questionAt(llmAsked, i);
      ttft.none.push((await chat(llm0, q)).ttft);
      ttft.with10000.push((await chat(llm10k, q)).ttft);
    }
    result.llmTtft = { none: figures(ttft.none), with10000: figures(ttft.with10000) };
    result.llmTtft.ratio = round(result.llmTtft.with10000.p50 / result.llmTtft.none.p50, 2);
    log(`${kind}: LLM first token ×${result.llmTtft.ratio} with 10,000 pieces`);
  } finally {
    await stopProductionServer(server);
  }

  // 4. BOTS × PIECES, written while no server runs; then a fresh server asks each bot once.
  log(`${kind}: writing ${BOTS} bots × ${PIECES} pieces (${MEM_WORDS} words each)`);
  const many = [];
  for (let i = 0; i < BOTS; i++) many.push(await addBot(db, userId, `Bot ${i}`));
  const writeStarted = performance.now();
  const manyAsked = await addPieces(db, many, PIECES, MEM_WORDS, false);
  if (kind === "postgresql") await db.run("ANALYZE");
  const writeSeconds = (performance.now() - writeStarted) / 1000;
  log(`${kind}: written in ${round(writeSeconds)} s`);
  await db.close();
  db = null;
  server = await startProductionServer(PORT, env);
  try {
    await warmUp();
    const warmRss = rssMb(server.pid);
    log(`${kind}: ${warmRss} MB after the warm-up; one question to each of ${BOTS} bots`);
    const run = await inTurn(server, many.map((id) => [id, manyAsked.get(id)[0]]));
    result.memory = { bots: BOTS, piecesPerBot: PIECES, wordsPerPiece: MEM_WORDS, writeSeconds: round(writeSeconds), afterWarmUpMb: warmRss, ...run };
    result.memory.overBaselineMb = result.memory.rssMb - result.memoryBaseline.rssMb;
    result.memory.peakOverBaselineMb = result.memory.peakRssMb - result.memoryBaseline.peakRssMb;
    log(`${kind}: ${run.rssMb} MB after (baseline ${result.memoryBaseline.rssMb} MB)`);
  } finally {
    await stopProductionServer(server);
    await fake.close();
  }
  return result;
}

buildIfNeeded();
const results = [];
for (const kind of DATABASES) {
  if (kind !== "sqlite" && kind !== "postgresql") throw new Error(`BENCH_DATABASES: unknown ${kind}`);
  try {
    results.push(await benchDatabase(kind));
  } catch (error) {
    console.error(error);
    process.exit(1); // the fake provider would keep the process up
  }
}

// ── The table ───────────────────────────────────────────────────────────────────────────────
const rows = [];
const row = (measure, ...cells) => rows.push([measure, ...cells]);
const head = ["measure", ...results.map((r) => r.database), "baseline (same run)", "aim"];
const ms = (f) => `${f.p50} / ${f.p95} ms`;
row("indexing, MB of text/s (job worker)", ...results.map((r) => `${r.indexing.mbPerSecond} MB/s`), `in-process extract+chunk+stem: ${results.map((r) => r.indexing.inProcessMbPerSecond).join(" / ")} MB/s`, "");
row("  texts, MB, pieces, s", ...results.map((r) => `${r.indexing.texts}, ${r.indexing.megabytes}, ${r.indexing.pieces}, ${r.indexing.seconds}`), "", "");
for (const size of SIZES) row(`retrieval p50 / p95, ${size.toLocaleString("en")} pieces`, ...results.map((r) => ms(r.retrieval[size])), `no documents: ${results.map((r) => ms(r.retrieval.none)).join(" | ")}`, "");
row("retrieval 10,000 ÷ 10 (p50; p95)", ...results.map((r) => `${r.retrieval.ratio10000to10}×; ${r.retrieval.ratio10000to10p95}×`), "", "≤ 3×");
row("LLM TTFT p50 / p95, 10,000 pieces", ...results.map((r) => ms(r.llmTtft.with10000)), `no documents: ${results.map((r) => ms(r.llmTtft.none)).join(" | ")}`, "");
row("LLM TTFT 10,000 pieces ÷ none (p50)", ...results.map((r) => `${r.llmTtft.ratio}×`), "", "≤ 1.5×");
row(`RSS after ${BOTS.toLocaleString("en")} bots × ${PIECES.toLocaleString("en")} pieces, one question each`, ...results.map((r) => `${r.memory.rssMb} MB (peak ${r.memory.peakRssMb})`), `fresh server, no documents, ${BOTS} questions: ${results.map((r) => `${r.memoryBaseline.rssMb} MB (peak ${r.memoryBaseline.peakRssMb})`).join(" | ")}`, "");
row("  RSS over the baseline (end; peak)", ...results.map((r) => `${r.memory.overBaselineMb >= 0 ? "+" : ""}${r.memory.overBaselineMb} MB; ${r.memory.peakOverBaselineMb >= 0 ? "+" : ""}${r.memory.peakOverBaselineMb} MB`), "", "≤ 50 MB");
row(`  ${(BOTS * PIECES).toLocaleString("en")} pieces written in`, ...results.map((r) => `${r.memory.writeSeconds} s`), "", "");
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
console.log(`\nKnowledge benchmark — production build, node ${process.version}, ${os.cpus().length} cores; retrieval = a built-in bot's whole chat reply through the server, ${SAMPLES} questions each\n`);
console.log(line(head));
for (const r of rows) console.log(line(r));
mkdirSync("bench/results", { recursive: true });
const file = `bench/results/knowledge-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(file, JSON.stringify({ node: process.version, cores: os.cpus().length, bots: BOTS, piecesPerBot: PIECES, samples: SAMPLES, results }, null, 2));
console.log(`\nWritten to ${file}`);
