import { describe, expect, it } from "vitest";
import { kind, migrationNamed, withScratchDatabase, type ScratchDatabase } from "@/lib/testing/migration-backfill";

// The analytics_rollups migration on an installation that already has conversations: the charts
// start with its history, not empty.
const migration = migrationNamed("analytics_rollups");

async function migrateWithHistory(db: ScratchDatabase, at: (iso: string) => unknown) {
  const { run } = db;
  await migration.applyBefore(db);
  const now = at("2026-12-01T10:00:00Z");
  await run(`INSERT INTO "User" (id, username, email, "updatedAt") VALUES ('u', 'baker', 'u@example.test', $1)`, [now]);
  await run(`INSERT INTO "Chatbot" (id, "ownerId", name, "publicId", provider, model, "updatedAt") VALUES ('b', 'u', 'B', 'pb', 'openai', 'gpt-4o-mini', $1)`, [now]);
  await run(`INSERT INTO "Conversation" (id, "chatbotId", source, "startedAt", "updatedAt") VALUES ('c1', 'b', 'playground', $1, $2)`, [at("2026-12-01T10:01:00Z"), at("2026-12-01T10:02:00Z")]);
  await run(`INSERT INTO "Conversation" (id, "chatbotId", source, "visitorId", "startedAt", "updatedAt") VALUES ('c2', 'b', 'public', 'v1', $1, $2)`, [at("2026-12-01T10:20:00Z"), at("2026-12-02T08:00:00Z")]);
  const message = (id: string, conversation: string, role: string, iso: string, extra: { fallback?: boolean; rating?: number; input?: number; output?: number } = {}) =>
    run(`INSERT INTO "Message" (id, "conversationId", "chatbotId", role, content, provider, model, "inputTokens", "outputTokens", fallback, rating, "createdAt") VALUES ($1, $2, 'b', $3, 'hello', $4, $5, $6, $7, ${extra.fallback ? "true" : "false"}, $8, $9)`, [
      id,
      conversation,
      role,
      role === "assistant" ? "openai" : null,
      role === "assistant" ? "gpt-4o-mini" : null,
      extra.input ?? null,
      extra.output ?? null,
      extra.rating ?? null,
      at(iso),
    ]);
  await message("m1", "c1", "user", "2026-12-01T10:01:00Z");
  await message("m2", "c1", "assistant", "2026-12-01T10:02:00Z", { input: 100, output: 20, rating: 1 });
  await message("m3", "c2", "user", "2026-12-01T10:20:00Z");
  await message("m4", "c2", "assistant", "2026-12-01T10:20:30Z", { fallback: true, rating: -1, input: 50, output: 5 });
  await message("m5", "c2", "user", "2026-12-02T08:00:00Z");
  await migration.apply(db);
  return {
    activity: await run(
      `SELECT slot, channel, provider, model, conversations, questions, replies, fallbacks, "ratingsUp", "ratingsDown", "inputTokens", "outputTokens" FROM "BotActivity" ORDER BY slot, channel`,
    ),
    visitors: await run(`SELECT "visitorId" FROM "BotVisitor"`),
  };
}

const slot = (iso: string) => Math.floor(Date.parse(iso) / 900_000);
const row = (iso: string, channel: string, figures: Record<string, number>) => ({
  slot: slot(iso),
  channel,
  provider: "openai",
  model: "gpt-4o-mini",
  conversations: 0,
  questions: 0,
  replies: 0,
  fallbacks: 0,
  ratingsUp: 0,
  ratingsDown: 0,
  inputTokens: 0,
  outputTokens: 0,
  ...figures,
});
const expected = {
  activity: [
    row("2026-12-01T10:00:00Z", "playground", { conversations: 1, questions: 1, replies: 1, ratingsUp: 1, inputTokens: 100, outputTokens: 20 }),
    row("2026-12-01T10:15:00Z", "page", { conversations: 1, questions: 1, replies: 1, fallbacks: 1, ratingsDown: 1, inputTokens: 50, outputTokens: 5 }),
    row("2026-12-02T08:00:00Z", "page", { questions: 1 }),
  ],
  visitors: [{ visitorId: "v1" }],
};
const numbers = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));

describe("the analytics migration", () => {
  it("exists for this database", () => expect(migration.index).toBeGreaterThan(0));

  it.runIf(kind === "sqlite")("counts the stored history into the rollups (SQLite)", async () => {
    const result = await withScratchDatabase("analytics-backfill", (db) => migrateWithHistory(db, (iso) => new Date(iso).toISOString().replace("Z", "+00:00")));
    expect({ activity: numbers(result.activity), visitors: numbers(result.visitors) }).toEqual(expected);
  });

  it.runIf(kind === "postgresql")("counts the stored history into the rollups (PostgreSQL)", async () => {
    const result = await withScratchDatabase("analytics-backfill", (db) => migrateWithHistory(db, (iso) => new Date(iso).toISOString().replace("T", " ").replace("Z", "")));
    expect({ activity: numbers(result.activity), visitors: numbers(result.visitors) }).toEqual(expected);
  });
});
