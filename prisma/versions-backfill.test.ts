import { describe, expect, it } from "vitest";
import { kind, migrationNamed, withScratchDatabase, type ScratchDatabase } from "@/lib/testing/migration-backfill";

// The bot_versions migration on an installation that already has bots: each bot's settings become
// its version 1, published, by its owner.
const migration = migrationNamed("bot_versions");

async function migrateWithBots(db: ScratchDatabase, now: unknown) {
  const { run } = db;
  await migration.applyBefore(db);
  await run(`INSERT INTO "User" (id, username, email, "updatedAt") VALUES ('u', 'baker', 'u@example.test', $1)`, [now]);
  await run(`INSERT INTO "Chatbot" (id, "ownerId", name, "publicId", "systemPrompt", temperature, "fallbackMessage", "knowledgeVersion", "updatedAt") VALUES ('a', 'u', 'A', 'pa', 'Be brief.', 0.3, 'No idea.', 4, $1)`, [now]);
  await run(`INSERT INTO "Chatbot" (id, "ownerId", name, "publicId", "updatedAt") VALUES ('b', 'u', 'B', 'pb', $1)`, [now]);
  await migration.apply(db);
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
  it("exists for this database", () => expect(migration.index).toBeGreaterThan(0));

  it.runIf(kind === "sqlite")("makes each bot's settings its version 1, published (SQLite)", async () => {
    const { versions, bots } = await withScratchDatabase("versions-backfill", (db) => migrateWithBots(db, "2026-03-02T12:00:00.000+00:00"));
    expect({ versions: numbers(versions), bots: numbers(bots) }).toEqual(expected);
  });

  it.runIf(kind === "postgresql")("makes each bot's settings its version 1, published (PostgreSQL)", async () => {
    expect(await withScratchDatabase("versions-backfill", (db) => migrateWithBots(db, "2026-03-02 12:00:00"))).toEqual(expected);
  });
});
