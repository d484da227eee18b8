import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/direct";
import { botInput, makeUser, startChatWith } from "@/lib/testing/factories";
import { backupSqlite } from "./db-backup.mjs";
import { open } from "./db-tables.mjs";

// db:backup: an online SQLite backup, taken while the app writes, restorable as the database file.
const url = process.env.DATABASE_URL!;
const folder = mkdtempSync(path.join(tmpdir(), "cbf-backup-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

it.skipIf(!url.startsWith("file:"))("backs up while writes go on: integrity ok, every row of the moment, the search index consistent with its pieces", async () => {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput({ name: "Backed-up bot" }));
  const source = await db.knowledgeSource.create({ data: { chatbotId: bot.id, kind: "text", name: "notes", status: "ready" } });
  // Pieces added and removed, so rowids have gaps (which a VACUUM may close).
  await db.knowledgePiece.createMany({ data: Array.from({ length: 6 }, (_, i) => ({ chatbotId: bot.id, sourceId: source.id, position: i, text: `piece ${i}`, terms: `term${i} shared`, lang: "en" })) });
  await db.knowledgePiece.deleteMany({ where: { sourceId: source.id, position: { in: [0, 2, 4] } } });
  const conversation = await startChatWith(owner, bot.id, "kept in the backup");

  // Writes during the backup: they wait for nothing and fail on nothing.
  let writing = true;
  const writes = (async () => {
    let n = 0;
    while (writing) {
      await sql(`UPDATE "Chatbot" SET "description" = $1 WHERE "id" = $2`, [`write ${n++}`, bot.id]);
      await new Promise((resolve) => setImmediate(resolve)); // the driver answers at once: let the backup run between writes
    }
    return n;
  })();
  const file = path.join(folder, "backup.db");
  const { counts, indexed } = await backupSqlite(url, file);
  writing = false;
  expect(await writes).toBeGreaterThan(0);
  await expect(backupSqlite(url, file)).rejects.toThrow(/exists already/);

  expect(counts.User).toBeGreaterThan(0);
  expect(indexed).toBe(counts.KnowledgePiece);
  // Restore = the backup file in the database's place: open a copy as the app would.
  const restored = path.join(folder, "restored.db");
  copyFileSync(file, restored);
  const copy = await open(`file:${restored}`);
  try {
    expect(await copy.all(`SELECT "content" FROM "Message" WHERE "conversationId" = ?`, [conversation])).toEqual([{ content: "kept in the backup" }]);
    // Every index row belongs to the piece with the same rowid and says the same.
    const mismatched = await copy.all(
      `SELECT f.rowid FROM "KnowledgePieceFts" f LEFT JOIN "KnowledgePiece" p ON p.rowid = f.rowid WHERE p.rowid IS NULL OR f."terms" <> 'zb' || p."chatbotId" || ' ' || p."terms"`,
    );
    expect(mismatched).toEqual([]);
    const found = await copy.all(`SELECT p."text" FROM "KnowledgePieceFts" f JOIN "KnowledgePiece" p ON p.rowid = f.rowid WHERE "KnowledgePieceFts" MATCH ? ORDER BY p."position"`, [`zb${bot.id} AND shared`]);
    expect(found.map((r) => r.text)).toEqual(["piece 1", "piece 3", "piece 5"]);
  } finally {
    await copy.close();
  }
});

it("refuses PostgreSQL and a missing database, in one sentence", async () => {
  await expect(backupSqlite("postgresql://x@127.0.0.1/db", path.join(folder, "pg.db"))).rejects.toThrow("db:backup is for SQLite; on PostgreSQL use pg_dump (docs/operations.md).");
  await expect(backupSqlite(`file:${folder}/none.db`, path.join(folder, "none-backup.db"))).rejects.toThrow(/There is no database at/);
});
