// npm run bench:js — the JavaScript each page makes a first-time visitor download.
// measureFirstLoad() opens every path in a fresh Chromium context and adds up, per page view, the
// gzip size of every script response. The size is zlib.gzipSync(body) at zlib's default level (6),
// computed here from the body, so the figure does not depend on how (or whether) the server
// compresses. Run directly, it builds if needed, starts the production server on a fresh SQLite
// file with an admin user and a bot that has every channel on, and prints a table of every page.
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

// The browser the e2e tests use (playwright.config.ts): Debian's Chromium, never a downloaded one.
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium-headless-shell",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

/**
 * First-load JavaScript of each path: a fresh context (empty cache) per path, signed in with
 * `cookie` ("name=value", may be empty). Counts each distinct script URL once per page view.
 * @param {{ baseUrl: string, cookie?: string, paths: string[] }} options
 * @returns {Promise<{ path: string, jsGzipBytes: number, files: { url: string, bytes: number, gzipBytes: number }[] }[]>}
 */
export async function measureFirstLoad({ baseUrl, cookie, paths }) {
  const browser = await chromium.launch(LAUNCH);
  const results = [];
  try {
    for (const path of paths) {
      const context = await browser.newContext({ colorScheme: "dark" });
      if (cookie) {
        const at = cookie.indexOf("=");
        await context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url: baseUrl }]);
      }
      const page = await context.newPage();
      const pending = new Map();
      page.on("response", (response) => {
        const request = response.request();
        if (request.resourceType() !== "script" || pending.has(request.url())) return;
        pending.set(
          request.url(),
          response.body().then(
            (body) => ({ url: request.url(), bytes: body.length, gzipBytes: gzipSync(body).length }),
            () => null, // a redirect or a response the page let go of: no body to count
          ),
        );
      });
      const response = await page.goto(new URL(path, baseUrl).href, { waitUntil: "load" });
      if (!response?.ok()) throw new Error(`${path}: HTTP ${response?.status()}`);
      await page.waitForLoadState("networkidle");
      const files = (await Promise.all(pending.values())).filter(Boolean).sort((a, b) => b.gzipBytes - a.gzipBytes);
      results.push({ path, jsGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0), files });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}

/** Starts the production build on a fresh database with one admin, a bot and a conversation; prints every page's figure. */
async function main() {
  const { execFileSync } = await import("node:child_process");
  const { randomBytes, randomUUID } = await import("node:crypto");
  const { default: Database } = await import("libsql");
  const { encode } = await import("@auth/core/jwt");
  const { migrate } = await import("../scripts/db-migrate.mjs");
  const { resetDatabase } = await import("../scripts/db-reset.mjs");
  const { buildIfNeeded, startProductionServer } = await import("./proc.mjs");

  const PORT = Number(process.env.BENCH_JS_PORT || 3230);
  const baseUrl = `http://127.0.0.1:${PORT}`;
  const DB_URL = "file:./data/bench-js.db";
  const SECRET = "bench-secret-bench-secret-bench-secret";

  execFileSync("bash", ["scripts/ensure-chromium.sh"], { stdio: "inherit" });
  buildIfNeeded();
  await resetDatabase(DB_URL);
  process.env.DATABASE_URL = DB_URL;
  await migrate({ quiet: true });

  // An admin with a bot (public page and widget on, a Q&A entry, a conversation), written straight to the file.
  const db = new Database(DB_URL.slice(5));
  const userId = randomUUID();
  const botId = randomUUID();
  const publicId = randomBytes(16).toString("base64url");
  const conversationId = randomUUID();
  const now = new Date().toISOString();
  db.prepare(`INSERT INTO "User" (id, username, email, passwordHash, role, createdAt, updatedAt) VALUES (?, 'bench', 'bench@example.test', '', 'ADMIN', ?, ?)`).run(userId, now, now);
  db.prepare(
    `INSERT INTO "Chatbot" (id, ownerId, name, provider, model, publicId, publicPageEnabled, widgetEnabled, createdAt, updatedAt) VALUES (?, ?, 'Bench', 'builtin', '', ?, 1, 1, ?, ?)`,
  ).run(botId, userId, publicId, now, now);
  db.prepare(`INSERT INTO "KnowledgeEntry" (id, chatbotId, question, answer, position, createdAt, updatedAt) VALUES (?, ?, 'Opening hours?', 'Every day, **9 to 5**.', 0, ?, ?)`).run(
    randomUUID(),
    botId,
    now,
    now,
  );
  db.prepare(`INSERT INTO "Conversation" (id, chatbotId, startedAt, updatedAt) VALUES (?, ?, ?, ?)`).run(conversationId, botId, now, now);
  for (const [role, content] of [
    ["user", "When are you open?"],
    ["assistant", "Every day, **9 to 5**."],
  ]) {
    db.prepare(`INSERT INTO "Message" (id, conversationId, chatbotId, role, content, createdAt) VALUES (?, ?, ?, ?, ?, ?)`).run(randomUUID(), conversationId, botId, role, content, now);
  }
  const sid = randomUUID();
  db.prepare(`INSERT INTO "Session" (sessionToken, userId, expires, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`).run(sid, userId, new Date(Date.now() + 86_400_000).toISOString(), now, now);
  db.close();
  const token = await encode({ salt: "authjs.session-token", secret: SECRET, token: { uid: userId, sid, sv: 0, remember: true, loginAt: Math.floor(Date.now() / 1000) } });

  const bot = `/chatbots/${botId}`;
  const signedIn = [
    "/dashboard",
    "/chatbots",
    "/chatbots/new",
    "/chatbots/templates",
    bot,
    `${bot}/knowledge`,
    `${bot}/knowledge/files`,
    `${bot}/knowledge/web`,
    `${bot}/knowledge/text`,
    `${bot}/conversations`,
    `${bot}/conversations/${conversationId}`,
    `${bot}/channels`,
    `${bot}/edit`,
    "/profile",
    "/api-keys",
    "/admin",
    "/admin/bots",
    "/admin/audit",
  ];
  const visitor = ["/", "/login", "/register", `/b/${publicId}`, `/embed/${publicId}`];

  const server = await startProductionServer(PORT, { DATABASE_URL: DB_URL, AUTH_SECRET: SECRET });
  try {
    const results = [
      ...(await measureFirstLoad({ baseUrl, paths: visitor })),
      ...(await measureFirstLoad({ baseUrl, cookie: `authjs.session-token=${token}`, paths: signedIn })),
    ];
    const LIMIT = 170 * 1024; // issue 19: the budget with react-bootstrap and react-hook-form
    const label = (path) => path.replaceAll(botId, "<id>").replaceAll(publicId, "<publicId>").replaceAll(conversationId, "<conversationId>");
    const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
    console.log(`\nFirst-load JavaScript per page (gzip level 6 of each script, summed; target ≤ ${kB(LIMIT)})\n`);
    console.log(`${"page".padEnd(46)} ${"gzip".padStart(9)}  files  largest`);
    for (const r of results) {
      const largest = r.files[0] ? `${new URL(r.files[0].url).pathname.split("/").pop()} ${kB(r.files[0].gzipBytes)}` : "";
      const mark = r.jsGzipBytes > LIMIT ? "  over" : "";
      console.log(`${label(r.path).padEnd(46)} ${kB(r.jsGzipBytes).padStart(9)}  ${String(r.files.length).padStart(5)}  ${largest}${mark}`);
    }
    const over = results.filter((r) => r.jsGzipBytes > LIMIT).length;
    console.log(`\n${over === 0 ? "Every page is within the target." : `${over} of ${results.length} pages over the target.`}`);
    if (process.env.BENCH_JS_JSON) {
      const { writeFileSync } = await import("node:fs");
      writeFileSync(process.env.BENCH_JS_JSON, JSON.stringify(results.map((r) => ({ ...r, path: label(r.path) })), null, 2));
    }
  } finally {
    server.kill("SIGTERM");
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
