// npm run bench:login-flood — security case 42: a login flood is refused by the limiter, so the
// server's CPU stays bounded. Starts the production build on a fresh SQLite file behind one
// trusted proxy hop, then posts wrong passwords to Auth.js's credentials endpoint and prints,
// per scenario, the answers (401-style redirects after a bcrypt check vs 429 refusals), requests
// per second and the server's CPU time per request, read from /proc. Loopback only.
import { randomUUID } from "node:crypto";
import Database from "libsql";
import bcrypt from "bcryptjs";
import { migrate } from "../scripts/db-migrate.mjs";
import { resetDatabase } from "../scripts/db-reset.mjs";
import { buildIfNeeded, cpuSeconds, startProductionServer, stopProductionServer } from "./proc.mjs";

const PORT = 3201;
const BASE = `http://127.0.0.1:${PORT}`;
const DB_URL = "file:./data/bench-login.db";
const CONCURRENCY = 10;

buildIfNeeded();

async function startServer(extraEnv) {
  await resetDatabase(DB_URL);
  process.env.DATABASE_URL = DB_URL;
  await migrate({ quiet: true });
  const db = new Database(DB_URL.slice(5));
  const now = new Date().toISOString();
  db.prepare(`INSERT INTO "User" (id, username, email, passwordHash, createdAt, updatedAt) VALUES (?, 'victim', 'victim@example.test', ?, ?, ?)`).run(randomUUID(), bcrypt.hashSync("not what the flood tries", 12), now, now);
  db.close();
  return startProductionServer(PORT, { DATABASE_URL: DB_URL, AUTH_SECRET: "bench-secret-bench-secret-bench-secret", TRUSTED_PROXY_HOPS: "1", ...extraEnv });
}

/** Posts `total` wrong logins, CONCURRENCY at a time; `identifier(i)` picks the account. */
async function flood(server, total, identifier) {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = await csrf.json();
  const answers = {};
  const cpuBefore = cpuSeconds(server.pid);
  const started = performance.now();
  let next = 0;
  async function worker() {
    while (next < total) {
      const i = next++;
      const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": "203.0.113.9" },
        body: new URLSearchParams({ csrfToken, identifier: identifier(i), password: `wrong guess ${i}` }),
      });
      await response.arrayBuffer();
      const kind = response.status === 429 ? "refused (429)" : response.status === 302 ? "redirected (302: a wrong password checked, or refused inside Auth.js)" : `other ${response.status}`;
      answers[kind] = (answers[kind] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  return { answers, seconds, cpu, total };
}

/**
 * Security case 8: an unknown account costs the same bcrypt check as a wrong password, so the
 * answer's timing tells nothing. One request at a time, alternating, medians of `rounds` each.
 */
async function timing(rounds) {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = await csrf.json();
  const times = { "wrong password": [], "unknown account": [] };
  for (let i = 0; i < rounds; i++) {
    for (const [kind, identifier] of [["wrong password", "victim"], ["unknown account", `nobody${i}`]]) {
      const started = performance.now();
      const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": `198.51.100.${i % 250}` },
        body: new URLSearchParams({ csrfToken, identifier, password: `wrong guess ${i}` }),
      });
      await response.arrayBuffer();
      times[kind].push(performance.now() - started);
    }
  }
  const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
  console.log(`Unknown account vs wrong password, one at a time, ${rounds} each (limits lifted)`);
  for (const [kind, list] of Object.entries(times)) console.log(`  ${kind}: median ${median(list).toFixed(0)} ms`);
}

const print = (label, r) =>
  console.log(
    `${label}\n  ${r.total} requests in ${r.seconds.toFixed(1)} s (${(r.total / r.seconds).toFixed(0)}/s); server CPU ${r.cpu.toFixed(2)} s, ` +
      `${((r.cpu / r.total) * 1000).toFixed(1)} ms per request\n  answers: ${Object.entries(r.answers).map(([k, v]) => `${k} ${v}`).join(", ")}`,
  );

const scenarios = [
  ["One account, limits on (defaults: 5 failures, then a 15-minute wait)", {}, 500, () => "victim"],
  ["Many accounts from one address, limits on (daily cap per address: 100)", {}, 500, (i) => `guess${i}`],
  ["One account, limits lifted (what every request would cost)", { LOGIN_MAX_FAILURES: "100", LOGIN_DAILY_FAILURES_PER_IP: "100000" }, 60, () => "victim"],
];
console.log(`Login flood against ${BASE}, ${CONCURRENCY} at a time, wrong passwords only.\n`);
for (const [label, env, total, identifier] of scenarios) {
  const server = await startServer(env);
  try {
    print(label, await flood(server, total, identifier));
    if (env.LOGIN_MAX_FAILURES) await timing(20);
  } finally {
    await stopProductionServer(server);
  }
}
