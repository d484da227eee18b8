import Database from "libsql";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { chatJourney, standaloneCopy, startStandalone } from "./deploy";
import { PORTS } from "./ports";

// One server (docs/deploy.md): the standalone folder, copied into a directory holding nothing
// else and started with `node server.js` and no configuration at all, does what `npm start`
// does on a first start (a secret in .env, the SQLite database migrated) and serves the chat
// journey. SQLite only: the PostgreSQL run covers the serverless and several-instance paths.
test("the standalone folder, alone in a directory, starts with `node server.js` and serves a newcomer's chat", async ({ browser }) => {
  test.skip(!!process.env.E2E_DATABASE_URL?.startsWith("postgresql://"), "the SQLite run covers the standalone server");
  const copy = standaloneCopy();
  const server = await startStandalone(copy.dir, PORTS.standalone, {});
  try {
    expect(server.proc.exitCode, server.output()).toBeNull();
    expect(server.output()).toContain("Created .env with a new AUTH_SECRET.");
    expect(server.output()).toMatch(/Applied \d+ migrations/);
    expect(readFileSync(path.join(copy.dir, ".env"), "utf8")).toMatch(/^AUTH_SECRET=.{40,}$/m);
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);

    const page = await browser.newPage({ baseURL: server.url });
    const { botId } = await chatJourney(page);
    // Its static files come from the folder too (scripts/standalone.mjs copies them in).
    const css = await page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>("link[rel=stylesheet]")].map((l) => l.href));
    expect(css.length).toBeGreaterThan(0);
    for (const href of css) expect((await fetch(href)).status, href).toBe(200);
    await page.close();

    // The conversation is stored in the folder's own database.
    const file = path.join(copy.dir, "data/app.db");
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare(`SELECT count(*) AS n FROM "Message" WHERE "chatbotId" = ?`).get(botId)).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  } finally {
    server.stop();
    await server.exited;
    copy.remove();
  }
});
