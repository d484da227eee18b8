// npm run bench:hostile — one anonymous client against the production build in its default
// configuration (TRUSTED_PROXY_HOPS=0, SQLite, limits in memory), replaying the hostile-traffic
// findings: (1) a 300 MB JSON body to the chat route and a 200 MB form to Auth.js, with the
// server's memory before and after; (2) /api/health p50/p95 while 32 and 128 logins with made-up
// names run at once; (5) 40 concurrent chat messages from one user, answers by status; (6) a
// public-page flood from 127.0.0.1 with random visitor ids and forged X-Forwarded-For, and what a
// visitor from 127.0.0.2 sees meanwhile (loopback aliases need no setup on Linux).
// Loopback only; builds first when there is no build.
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import Database from "libsql";
import bcrypt from "bcryptjs";
import { migrate } from "../scripts/db-migrate.mjs";
import { resetDatabase } from "../scripts/db-reset.mjs";
import { buildIfNeeded, rssMb, startProductionServer, stopProductionServer } from "./proc.mjs";

const PORT = 3202;
const BASE = `http://127.0.0.1:${PORT}`;
const DB_URL = "file:./data/bench-hostile.db";
const PASSWORD = "the owner's own passphrase";
const PUBLIC_ID = randomUUID();

buildIfNeeded();

async function startServer() {
  await resetDatabase(DB_URL);
  process.env.DATABASE_URL = DB_URL;
  await migrate({ quiet: true });
  const db = new Database(DB_URL.slice(5));
  const now = new Date().toISOString();
  const userId = randomUUID();
  const hash = bcrypt.hashSync(createHash("sha384").update(PASSWORD, "utf8").digest("base64"), 12);
  db.prepare(`INSERT INTO "User" (id, username, email, passwordHash, createdAt, updatedAt) VALUES (?, 'owner', 'owner@example.test', ?, ?, ?)`).run(userId, hash, now, now);
  db.prepare(`INSERT INTO "Chatbot" (id, ownerId, name, fallbackMessage, publicId, createdAt, updatedAt) VALUES ('bench-bot', ?, 'Bench bot', 'No idea.', ?, ?, ?)`).run(userId, randomUUID(), now, now);
  db.prepare(`INSERT INTO "Chatbot" (id, ownerId, name, fallbackMessage, publicId, publicPageEnabled, dailyMessageQuota, createdAt, updatedAt) VALUES ('public-bot', ?, 'Public bot', 'We open at eight.', ?, 1, 500, ?, ?)`).run(userId, PUBLIC_ID, now, now);
  db.close();
  return startProductionServer(PORT, { DATABASE_URL: DB_URL, AUTH_SECRET: "bench-secret-bench-secret-bench-secret" });
}

/** POSTs `megabytes` of body with a Content-Length; resolves with the status and when it came. */
function bigPost(path, contentType, megabytes) {
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.request(`${BASE}${path}`, { method: "POST", headers: { "content-type": contentType, "content-length": megabytes * 1024 * 1024 } });
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      response.resume();
      resolve({ status: response.statusCode, ms: performance.now() - started });
    });
    request.on("error", () => !answered && resolve({ status: "connection closed", ms: performance.now() - started }));
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    let sent = 0;
    const write = () => {
      while (sent < megabytes && !answered && !request.destroyed) {
        sent++;
        if (!request.write(chunk)) return request.once("drain", write);
      }
      if (!answered) request.end();
      else request.destroy();
    };
    write();
  });
}

async function csrf() {
  const response = await fetch(`${BASE}/api/auth/csrf`);
  return { cookie: response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "), token: (await response.json()).csrfToken };
}

async function login({ cookie, token }, identifier, password) {
  const started = performance.now();
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken: token, identifier, password }),
  });
  await response.arrayBuffer();
  return { response, ms: performance.now() - started };
}

const percentile = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * p))];
const countBy = (list) => Object.entries(list.reduce((all, k) => ({ ...all, [k]: (all[k] ?? 0) + 1 }), {})).map(([k, v]) => `${k} × ${v}`).join(", ");

/** One public-page message from `localAddress` with a fresh visitor id and forged proxy headers: its status. */
function publicMessage(localAddress) {
  const forged = () => [1, 2, 3, 4].map(() => 1 + Math.floor(Math.random() * 250)).join(".");
  const body = JSON.stringify({ message: "Are you open?", visitorId: randomUUID().replaceAll("-", ""), channel: "page" });
  return new Promise((resolve) => {
    const request = http.request(`${BASE}/api/public/${PUBLIC_ID}/chat`, { method: "POST", localAddress, headers: { "content-type": "application/json", "x-forwarded-for": forged(), "x-real-ip": forged() } }, (response) => {
      response.resume().on("end", () => resolve(String(response.statusCode)));
    });
    request.on("error", () => resolve("error"));
    request.end(body);
  });
}

async function healthDuring(concurrent) {
  const token = await csrf();
  const times = [];
  let running = true;
  const sampler = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${BASE}/api/health`).then((r) => r.arrayBuffer());
      times.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const started = performance.now();
  const logins = await Promise.all(Array.from({ length: concurrent }, () => login(token, `nobody_${randomUUID().slice(0, 8)}`, "a made-up password")));
  const seconds = (performance.now() - started) / 1000;
  running = false;
  await sampler;
  const statuses = logins.map(({ response }) => (response.status === 302 ? "302 (checked, wrong)" : `${response.status}${response.headers.get("retry-after") ? ` (Retry-After ${response.headers.get("retry-after")})` : ""}`));
  console.log(
    `  ${concurrent} concurrent logins (made-up names): /api/health p50 ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms ` +
      `(${times.length} samples); logins done in ${seconds.toFixed(1)} s: ${countBy(statuses)}`,
  );
}

const server = await startServer();
try {
  // The chat run's session, signed in first (the timing run below locks the account for untrusted clients).
  const owner = await csrf();
  const signedIn = await login(owner, "owner", PASSWORD);
  const ownerSession = [owner.cookie, ...signedIn.response.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
  console.log(`Hostile traffic against ${BASE} (production build, TRUSTED_PROXY_HOPS=0).\n`);
  console.log("1. Oversized bodies");
  for (const [label, path, type, mb] of [
    ["300 MB JSON, no cookie, to the chat route", "/api/chatbots/bench-bot/chat", "application/json", 300],
    ["200 MB form to Auth.js's credentials callback", "/api/auth/callback/credentials", "application/x-www-form-urlencoded", 200],
  ]) {
    const before = rssMb(server.pid);
    const { status, ms } = await bigPost(path, type, mb);
    await new Promise((r) => setTimeout(r, 1000));
    console.log(`  ${label}: ${status} after ${ms.toFixed(0)} ms; server memory ${before} MB before, ${rssMb(server.pid)} MB after`);
  }

  console.log("\n2. Password checks under a login burst");
  const idle = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    await fetch(`${BASE}/api/health`).then((r) => r.arrayBuffer());
    idle.push(performance.now() - started);
  }
  console.log(`  idle: /api/health p50 ${percentile(idle, 0.5).toFixed(0)} ms, p95 ${percentile(idle, 0.95).toFixed(0)} ms`);
  await healthDuring(32);
  await healthDuring(128);
  const token = await csrf();
  const times = { "wrong password (real account)": [], "unknown account": [] };
  for (let i = 0; i < 10; i++) {
    times["wrong password (real account)"].push((await login(token, i % 2 ? "owner" : "owner@example.test", `wrong ${i}`)).ms);
    times["unknown account"].push((await login(token, `nobody${i}`, `wrong ${i}`)).ms);
  }
  // After 5 failures the real account is locked for untrusted clients; only the first five count.
  console.log(`  one at a time: wrong password median ${percentile(times["wrong password (real account)"].slice(0, 5), 0.5).toFixed(0)} ms (first 5, before the lock), unknown account median ${percentile(times["unknown account"], 0.5).toFixed(0)} ms`);

  console.log("\n5. Forty concurrent chat messages from one user (limit 30 a minute)");
  const answers = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      fetch(`${BASE}/api/chatbots/bench-bot/chat`, { method: "POST", headers: { "content-type": "application/json", cookie: ownerSession }, body: JSON.stringify({ message: `hello ${i}` }) }).then(async (r) => {
        await r.arrayBuffer();
        return r.status === 429 ? `429${r.headers.get("retry-after") ? " (Retry-After)" : " (no Retry-After)"}` : String(r.status);
      }),
    ),
  );
  console.log(`  ${countBy(answers)}`);

  console.log("\n6. A public-page flood from one address (random visitor ids, forged X-Forwarded-For), and another visitor meanwhile");
  const other = [];
  let flooding = true;
  const visitor = (async () => {
    while (flooding) {
      other.push(await publicMessage("127.0.0.2"));
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const flood = [];
  const started = performance.now();
  for (let round = 0; round < 10; round++) flood.push(...(await Promise.all(Array.from({ length: 10 }, () => publicMessage("127.0.0.1")))));
  flooding = false;
  await visitor;
  console.log(`  100 flood messages from 127.0.0.1 in ${((performance.now() - started) / 1000).toFixed(1)} s: ${countBy(flood)} (answered ones are provider calls)`);
  console.log(`  meanwhile 127.0.0.2: ${countBy(other)}`);
} finally {
  await stopProductionServer(server);
}
