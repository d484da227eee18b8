import { execFileSync } from "node:child_process";
import { chmodSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { chatJourney, freshPostgres, snapshotFiles, standaloneCopy, startStandalone } from "./deploy";
import { PORTS } from "./ports";

// Serverless (docs/deploy.md): the production build started from a read-only copy, by a user who
// cannot write there, configured by the environment alone. PostgreSQL serves; the cron route
// runs the periodic work; nothing is written into the app's folder. SQLite there is refused at
// start, in one sentence.
const NOBODY = { uid: 65534, gid: 65534 };
const SECRET = "serverless-secret-serverless-secret-0001";
const CRON_SECRET = "serverless-cron-secret-0001";

function readOnlyCopy() {
  const copy = standaloneCopy();
  execFileSync("chmod", ["-R", "a-w", copy.dir]);
  chmodSync(path.dirname(copy.dir), 0o755); // the temporary parent: others may enter it
  return { ...copy, remove: () => (execFileSync("chmod", ["-R", "u+w", copy.dir]), copy.remove()) };
}

test("a read-only copy on SQLite refuses to start, in one sentence", async () => {
  const copy = readOnlyCopy();
  try {
    const server = await startStandalone(copy.dir, PORTS.serverless, { AUTH_SECRET: SECRET }, NOBODY);
    const code = await server.exited;
    expect(code, server.output()).toBe(1);
    expect(server.output()).toContain(`The server did not start. SQLite cannot run here: ${copy.dir} is read-only (a serverless or read-only filesystem); set DATABASE_URL to a PostgreSQL database (postgresql://…).`);
    expect(server.output()).not.toMatch(/\n\s+at /); // no stack
  } finally {
    copy.remove();
  }
});

test("a read-only copy on PostgreSQL, configured by the environment only: register, create a bot, chat, run the cron route; nothing written to the app's folder", async ({ browser }) => {
  const suiteUrl = process.env.E2E_DATABASE_URL ?? "";
  test.skip(!suiteUrl.startsWith("postgresql://"), "serverless runs on PostgreSQL only (the PostgreSQL run)");
  const url = await freshPostgres(suiteUrl, "serverless");
  // The documented one-off migration (a build step on a serverless platform).
  execFileSync(process.execPath, ["scripts/db-migrate.mjs"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  const copy = readOnlyCopy();
  const before = snapshotFiles(copy.dir);
  const server = await startStandalone(copy.dir, PORTS.serverless, { DATABASE_URL: url, AUTH_SECRET: SECRET, CRON_SECRET, JOBS_POLL_SECONDS: "0" }, NOBODY);
  try {
    expect(server.proc.exitCode, server.output()).toBeNull();
    expect(execFileSync("ps", ["-o", "user=", "-p", String(server.proc.pid)]).toString().trim()).toBe("nobody");
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);

    const page = await browser.newPage({ baseURL: server.url });
    const { botId } = await chatJourney(page, "Serverless bot");
    await page.close();

    // The cron route: refused without its secret; with it, the periodic work and due jobs run.
    expect((await fetch(`${server.url}/api/cron`)).status).toBe(401);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO "Session" ("sessionToken", "userId", "expires", "updatedAt") SELECT 'expired-serverless', "id", now() - interval '1 day', now() FROM "User" LIMIT 1`);
      const cron = await fetch(`${server.url}/api/cron`, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
      expect(cron.status).toBe(200);
      expect(await cron.json()).toMatchObject({ done: expect.any(Number), failed: 0 });
      expect((await client.query(`SELECT 1 FROM "Session" WHERE "sessionToken" = 'expired-serverless'`)).rowCount).toBe(0);
      expect((await client.query(`SELECT count(*)::int AS n FROM "Message" WHERE "chatbotId" = $1`, [botId])).rows[0].n).toBe(2);
    } finally {
      await client.end();
    }

    // Nothing was added, changed or removed in the app's folder.
    expect(snapshotFiles(copy.dir)).toEqual(before);
    expect(server.output()).not.toMatch(/EACCES|EROFS|read-only file system/i);
  } finally {
    server.stop();
    await server.exited;
    copy.remove();
  }
});
