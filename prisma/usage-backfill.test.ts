import { describe, expect, it } from "vitest";
import { kind, migrationNamed, withScratchDatabase, type ScratchDatabase } from "@/lib/testing/migration-backfill";

// The bot_daily_usage migration on an installation that already has messages: every migration
// before it, rows as the app wrote them, then that migration, on the database under test.
const migration = migrationNamed("bot_daily_usage");

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

async function migrateWithMessages(db: ScratchDatabase, at: (iso: string) => unknown) {
  const { run } = db;
  await migration.applyBefore(db);
  const now = at("2026-03-02T12:00:00.000Z");
  await run(`INSERT INTO "User" (id, username, email, "updatedAt") VALUES ('u', 'u', 'u@example.test', $1)`, [now]);
  for (const bot of ["a", "b"]) {
    await run(`INSERT INTO "Chatbot" (id, "ownerId", name, "publicId", "updatedAt") VALUES ($1, 'u', $2, $3, $4)`, [bot, `Bot ${bot}`, `public-${bot}`, now]);
    await run(`INSERT INTO "Conversation" (id, "chatbotId", "updatedAt") VALUES ($1, $2, $3)`, [bot, bot, now]);
  }
  for (const m of messages) {
    await run(`INSERT INTO "Message" (id, "conversationId", "chatbotId", role, content, "errorCode", "createdAt") VALUES ($1, $2, $3, $4, 'x', $5, $6)`, [m.id, m.bot, m.bot, m.role, m.errorCode, at(m.at)]);
  }
  await migration.apply(db);
  return run(`SELECT "chatbotId", day, messages, "visitorMessages" FROM "BotDailyUsage" ORDER BY "chatbotId", day`);
}

describe("the daily usage migration", () => {
  it("exists for this database", () => expect(migration.index).toBeGreaterThan(0));

  it.runIf(kind === "sqlite")("counts the messages already stored per bot and UTC day (SQLite)", async () => {
    // As Prisma's SQLite adapter writes a DateTime (ISO text with an offset); bot b's message as
    // epoch milliseconds, which a row written by other means may hold.
    const at = (iso: string) => (iso === messages[4].at ? Date.parse(iso) : iso.replace("Z", "+00:00"));
    const rows = await withScratchDatabase("usage-backfill", (db) => migrateWithMessages(db, at));
    expect(rows.map((r) => ({ ...r, messages: Number(r.messages), visitorMessages: Number(r.visitorMessages) }))).toEqual(expected);
  });

  it.runIf(kind === "postgresql")("counts the messages already stored per bot and UTC day (PostgreSQL)", async () => {
    // Prisma keeps UTC in "timestamp without time zone"; a string avoids pg's local-time conversion.
    const at = (iso: string) => iso.replace("T", " ").replace("Z", "");
    expect(await withScratchDatabase("usage-backfill", (db) => migrateWithMessages(db, at))).toEqual(expected);
  });
});
