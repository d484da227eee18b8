import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { botInput, makeUser, startChatWith } from "@/lib/testing/factories";
import { copyDatabase } from "./db-copy.mjs";
import { open } from "./db-tables.mjs";

// db:copy from the test database into the other engine: SQLite → PostgreSQL in the SQLite run,
// PostgreSQL → SQLite in the PostgreSQL run. Every row arrives, and the search index answers on the target.
const source = process.env.DATABASE_URL!;
const toPostgres = source.startsWith("file:");
const postgresServer = process.env.TEST_COPY_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const targetName = `cbf_copy_${randomUUID().slice(0, 8)}`;
const folder = mkdtempSync(path.join(tmpdir(), "cbf-copy-"));
const target = toPostgres ? postgresServer.replace(/\/[^/]*$/, `/${targetName}`) : `file:${folder}/copy.db`;
let reachable = true;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: postgresServer, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (toPostgres) reachable = await admin("SELECT 1").then(() => true, () => false);
});
afterAll(async () => {
  if (toPostgres && reachable) await admin(`DROP DATABASE IF EXISTS "${targetName}" WITH (FORCE)`);
  rmSync(folder, { recursive: true, force: true });
});

it("copies every row into the other engine, prints the counts, and the target's search finds the pieces", async (context) => {
  if (!reachable) context.skip(); // a machine without PostgreSQL: the PostgreSQL run covers the other direction
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput({ name: "Copied bot", conversationRetentionDays: 7 }));
  await db.chatbot.update({ where: { id: bot.id }, data: { guardInstructions: true, avatarImage: Buffer.from([1, 2, 3, 255]), avatarImageHash: "abc" } });
  const conversation = await startChatWith(owner, bot.id, "A message with ünïcode and 'quotes'");
  const sourceRow = await db.knowledgeSource.create({ data: { chatbotId: bot.id, kind: "text", name: "notes", status: "ready" } });
  await db.knowledgePiece.createMany({
    data: [
      { chatbotId: bot.id, sourceId: sourceRow.id, position: 0, text: "Bananas are yellow.", terms: "banana yellow", lang: "en", embedding: Buffer.from(new Float32Array([0.5, -1]).buffer) },
      { chatbotId: bot.id, sourceId: sourceRow.id, position: 1, text: "Apples are red.", terms: "apple red", lang: "en" },
    ],
  });
  await db.auditEvent.create({ data: { action: "login_ok", actorId: owner.id, actorName: owner.username, ip: "127.0.0.1" } });

  const lines: string[] = [];
  const counts = await copyDatabase(source, target, { log: (line: string) => lines.push(line) });
  for (const [table, { from, to }] of Object.entries(counts)) expect(to, table).toBe(from);
  expect(Object.keys(counts)).toEqual(expect.arrayContaining(["User", "Chatbot", "Conversation", "Message", "KnowledgePiece", "AuditEvent", "ApiKey", "RateLimiterFlexible"]));
  expect(lines.find((l) => l.startsWith("Message"))).toMatch(/\d+ →\s+\d+$/);

  const copy = await open(target);
  try {
    const [copied] = await copy.all(`SELECT "name", "guardInstructions", "conversationRetentionDays", "avatarImage", "createdAt" FROM "Chatbot" WHERE "id" = ${toPostgres ? "$1" : "?"}`, [bot.id]);
    expect(copied.name).toBe("Copied bot");
    expect(Boolean(Number(copied.guardInstructions === true ? 1 : copied.guardInstructions))).toBe(true);
    expect(Number(copied.conversationRetentionDays)).toBe(7);
    expect([...Buffer.from(copied.avatarImage)]).toEqual([1, 2, 3, 255]);
    expect(new Date(toPostgres ? `${copied.createdAt}Z` : copied.createdAt).getTime()).toBe(bot.createdAt.getTime());
    const [message] = await copy.all(`SELECT "content" FROM "Message" WHERE "conversationId" = ${toPostgres ? "$1" : "?"}`, [conversation]);
    expect(message.content).toBe("A message with ünïcode and 'quotes'");
    const found = toPostgres
      ? await copy.all(`SELECT "text" FROM "KnowledgePiece" WHERE "search" @@ to_tsquery('simple', $1)`, [`zb${bot.id} & banana`])
      : await copy.all(`SELECT p."text" FROM "KnowledgePieceFts" f JOIN "KnowledgePiece" p ON p.rowid = f.rowid WHERE "KnowledgePieceFts" MATCH ?`, [`zb${bot.id} AND banana`]);
    expect(found.map((r) => r.text)).toEqual(["Bananas are yellow."]);
  } finally {
    await copy.close();
  }

  // A second copy into the same target refuses: it holds rows now.
  await expect(copyDatabase(source, target)).rejects.toThrow(/already holds rows/);
});
