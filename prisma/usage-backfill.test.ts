import { readdirSync, readFileSync, rmSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { SCHEMAS, databaseKind } from "@/scripts/db-url.mjs";

// The bot_daily_usage migration on an installation that already has messages: every migration
// before it, rows as the app wrote them, then that migration, on the database under test.
const kind = databaseKind(process.env.DATABASE_URL);
const dir = SCHEMAS[kind].migrations;
const migrations = readdirSync(dir).filter((name) => /^\d+_/.test(name)).sort();
const target = migrations.findIndex((name) => name.endsWith("_bot_daily_usage"));
const sqlOf = (name: string) => readFileSync(`${dir}/${name}/migration.sql`, "utf8");

/** One statement; placeholders $1, $2… in order, each used once (SQLite sees them as ?). */
type Run = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** The day boundary in UTC, a failed reply, and a second bot. */
const messages = [
  { id: "m1", bot: "a", role: "user", errorCode: null, at: "2026-03-01T23:59:59.999Z" },
  { id: "m2", bot: "a", role: "assistant", errorCode: "provider_timeout", at: "2026-03-01T23:59:59.999Z" },
  { id: "m3", bot: "a", role: "user", errorCode: null, at: "2026-03-02T00:00:00.000Z" },
  { id: "m4", bot: "a", role: "assistant", errorCode: null, at: "2026-03-02T00:00:00.500Z" },
  { id: "m5", bot: "b", role: "user", errorCode: null, at: "2026-03-02T12:00:00.000Z" },
];
const expected = [
  { chatbotId: "a", day: "2026-03-01", messages: 2, visitorMessages: 1 },
  { chatbotId: "a", day: "2026-03-02", messages: 2, visitorMessages: 1 },
  { chatbotId: "b", day: "2026-03-02", messages: 1, visitorMessages: 1 },
];

async function migrateWithMessages(exec: (sql: string) => Promise<unknown>, run: Run, at: (iso: string) => unknown) {
  for (const name of migrations.slice(0, target)) await exec(sqlOf(name));
  const now = at("2026-03-02T12:00:00.000Z");
  await run(`INSERT INTO "User" (id, username, email, "updatedAt") VALUES ('u', 'u', 'u@example.test', $1)`, [now]);
  for (const bot of ["a", "b"]) {
    await run(`INSERT INTO "Chatbot" (id, "ownerId", name, "publicId", "updatedAt") VALUES ($1, 'u', $2, $3, $4)`, [bot, `Bot ${bot}`, `public-${bot}`, now]);
    await run(`INSERT INTO "Conversation" (id, "chatbotId", "updatedAt") VALUES ($1, $2, $3)`, [bot, bot, now]);
  }
  for (const m of messages) {
    await run(`INSERT INTO "Message" (id, "conversationId", "chatbotId", role, content, "errorCode", "createdAt") VALUES ($1, $2, $3, $4, 'x', $5, $6)`, [m.id, m.bot, m.bot, m.role, m.errorCode, at(m.at)]);
  }
  await exec(sqlOf(migrations[target]));
  return run(`SELECT "chatbotId", day, messages, "visitorMessages" FROM "BotDailyUsage" ORDER BY "chatbotId", day`);
}

describe("the daily usage migration", () => {
  it("exists for this database", () => expect(target).toBeGreaterThan(0));

  it.runIf(kind === "sqlite")("counts the messages already stored per bot and UTC day (SQLite)", async () => {
    const { default: Database } = await import("libsql");
    const file = "data/vitest-usage-backfill.db";
    const clean = () => ["", "-wal", "-shm"].forEach((s) => rmSync(file + s, { force: true }));
    clean();
    const db = new Database(file);
    try {
      const run: Run = async (sql, params = []) => {
        const statement = db.prepare(sql.replace(/\$\d+/g, "?"));
        return statement.reader ? (statement.all(params) as Record<string, unknown>[]) : (statement.run(params), []);
      };
      // As Prisma's SQLite adapter writes a DateTime (ISO text with an offset); bot b's message as
      // epoch milliseconds, which a row written by other means may hold.
      const at = (iso: string) => (iso === messages[4].at ? Date.parse(iso) : iso.replace("Z", "+00:00"));
      const rows = await migrateWithMessages(async (sql) => db.exec(sql), run, at);
      expect(rows.map((r) => ({ ...r, messages: Number(r.messages), visitorMessages: Number(r.visitorMessages) }))).toEqual(expected);
    } finally {
      db.close();
      clean();
    }
  });

  it.runIf(kind === "postgresql")("counts the messages already stored per bot and UTC day (PostgreSQL)", async () => {
    const server = new URL(process.env.DATABASE_URL!);
    const name = `${server.pathname.slice(1)}_usage_backfill`;
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.query(`CREATE DATABASE "${name}"`);
      const client = new pg.Client({ connectionString: Object.assign(new URL(server), { pathname: `/${name}` }).toString() });
      await client.connect();
      try {
        // Prisma keeps UTC in "timestamp without time zone"; a string avoids pg's local-time conversion.
        const at = (iso: string) => iso.replace("T", " ").replace("Z", "");
        const rows = await migrateWithMessages((sql) => client.query(sql), async (sql, params) => (await client.query(sql, params)).rows, at);
        expect(rows).toEqual(expected);
      } finally {
        await client.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`).catch(() => {});
      await admin.end();
    }
  });
});
