import { readdirSync, readFileSync, rmSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { SCHEMAS, databaseKind } from "@/scripts/db-url.mjs";

// The bot_versions migration on an installation that already has bots: each bot's settings become
// its version 1, published, by its owner.
const kind = databaseKind(process.env.DATABASE_URL);
const dir = SCHEMAS[kind].migrations;
const migrations = readdirSync(dir).filter((name) => /^\d+_/.test(name)).sort();
const target = migrations.findIndex((name) => name.endsWith("_bot_versions"));
const sqlOf = (name: string) => readFileSync(`${dir}/${name}/migration.sql`, "utf8");

type Run = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

async function migrateWithBots(exec: (sql: string) => Promise<unknown>, run: Run, now: unknown) {
  for (const name of migrations.slice(0, target)) await exec(sqlOf(name));
  await run(`INSERT INTO "User" (id, username, email, "updatedAt") VALUES ('u', 'baker', 'u@example.test', $1)`, [now]);
  await run(`INSERT INTO "Chatbot" (id, "ownerId", name, "publicId", "systemPrompt", temperature, "fallbackMessage", "knowledgeVersion", "updatedAt") VALUES ('a', 'u', 'A', 'pa', 'Be brief.', 0.3, 'No idea.', 4, $1)`, [now]);
  await run(`INSERT INTO "Chatbot" (id, "ownerId", name, "publicId", "updatedAt") VALUES ('b', 'u', 'B', 'pb', $1)`, [now]);
  await exec(sqlOf(migrations[target]));
  return {
    versions: await run(`SELECT "chatbotId", number, "authorId", "authorName", "systemPrompt", temperature, "fallbackMessage", "knowledgeVersion" FROM "BotVersion" ORDER BY "chatbotId"`),
    bots: await run(`SELECT id, "publishedVersion" FROM "Chatbot" ORDER BY id`),
  };
}

const expected = {
  versions: [
    { chatbotId: "a", number: 1, authorId: "u", authorName: "baker", systemPrompt: "Be brief.", temperature: 0.3, fallbackMessage: "No idea.", knowledgeVersion: 4 },
    { chatbotId: "b", number: 1, authorId: "u", authorName: "baker", systemPrompt: "", temperature: 0.7, fallbackMessage: "", knowledgeVersion: 0 },
  ],
  bots: [
    { id: "a", publishedVersion: 1 },
    { id: "b", publishedVersion: 1 },
  ],
};
const numbers = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));

describe("the bot versions migration", () => {
  it("exists for this database", () => expect(target).toBeGreaterThan(0));

  it.runIf(kind === "sqlite")("makes each bot's settings its version 1, published (SQLite)", async () => {
    const { default: Database } = await import("libsql");
    const file = "data/vitest-versions-backfill.db";
    const clean = () => ["", "-wal", "-shm"].forEach((s) => rmSync(file + s, { force: true }));
    clean();
    const db = new Database(file);
    try {
      const run: Run = async (sql, params = []) => {
        const statement = db.prepare(sql.replace(/\$\d+/g, "?"));
        return statement.reader ? (statement.all(params) as Record<string, unknown>[]) : (statement.run(params), []);
      };
      const { versions, bots } = await migrateWithBots(async (sql) => db.exec(sql), run, "2026-03-02T12:00:00.000+00:00");
      expect({ versions: numbers(versions), bots: numbers(bots) }).toEqual(expected);
    } finally {
      db.close();
      clean();
    }
  });

  it.runIf(kind === "postgresql")("makes each bot's settings its version 1, published (PostgreSQL)", async () => {
    const server = new URL(process.env.DATABASE_URL!);
    const name = `${server.pathname.slice(1)}_versions_backfill`;
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.query(`CREATE DATABASE "${name}"`);
      const client = new pg.Client({ connectionString: Object.assign(new URL(server), { pathname: `/${name}` }).toString() });
      await client.connect();
      try {
        const result = await migrateWithBots((sql) => client.query(sql), async (sql, params) => (await client.query(sql, params)).rows, "2026-03-02 12:00:00");
        expect(result).toEqual(expected);
      } finally {
        await client.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`).catch(() => {});
      await admin.end();
    }
  });
});
