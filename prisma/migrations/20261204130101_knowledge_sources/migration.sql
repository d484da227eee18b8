-- AlterTable
ALTER TABLE "Message" ADD COLUMN "sources" TEXT;

-- CreateTable
CREATE TABLE "KnowledgeSource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "chatbotId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT,
    "fileType" TEXT,
    "content" BLOB,
    "size" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "errorCode" TEXT,
    "pieceCount" INTEGER NOT NULL DEFAULT 0,
    "maxPages" INTEGER,
    "maxDepth" INTEGER,
    "syncSchedule" TEXT NOT NULL DEFAULT 'never',
    "nextSyncAt" DATETIME,
    "syncedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KnowledgeSource_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KnowledgePage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT,
    "contentHash" TEXT,
    "errorCode" TEXT,
    "pieceCount" INTEGER NOT NULL DEFAULT 0,
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KnowledgePage_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "KnowledgeSource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KnowledgePiece" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "chatbotId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "pageId" TEXT,
    "position" INTEGER NOT NULL,
    "heading" TEXT,
    "pageNumber" INTEGER,
    "url" TEXT,
    "text" TEXT NOT NULL,
    "terms" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "embedding" BLOB,
    CONSTRAINT "KnowledgePiece_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "KnowledgeSource" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KnowledgePiece_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "KnowledgePage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "key" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 4,
    "runAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_KnowledgeEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "chatbotId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "alternatives" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KnowledgeEntry_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_KnowledgeEntry" ("answer", "chatbotId", "createdAt", "id", "position", "question", "updatedAt") SELECT "answer", "chatbotId", "createdAt", "id", "position", "question", "updatedAt" FROM "KnowledgeEntry";
DROP TABLE "KnowledgeEntry";
ALTER TABLE "new_KnowledgeEntry" RENAME TO "KnowledgeEntry";
CREATE INDEX "KnowledgeEntry_chatbotId_position_idx" ON "KnowledgeEntry"("chatbotId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "KnowledgeSource_chatbotId_createdAt_idx" ON "KnowledgeSource"("chatbotId", "createdAt");

-- CreateIndex
CREATE INDEX "KnowledgeSource_syncSchedule_nextSyncAt_idx" ON "KnowledgeSource"("syncSchedule", "nextSyncAt");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgePage_sourceId_url_key" ON "KnowledgePage"("sourceId", "url");

-- CreateIndex
CREATE INDEX "KnowledgePiece_sourceId_position_idx" ON "KnowledgePiece"("sourceId", "position");

-- CreateIndex
CREATE INDEX "KnowledgePiece_chatbotId_idx" ON "KnowledgePiece"("chatbotId");

-- CreateIndex
CREATE UNIQUE INDEX "Job_key_key" ON "Job"("key");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");


-- Full-text index over the pieces' stems, which Prisma does not model (idempotent raw SQL).
-- Standalone FTS5 rows hold the bot's token ("zb" + chatbotId) beside the stems, so a query
-- meets one bot's pieces through the index itself: MATCH 'zb<id> AND (stem OR stem …)'.
CREATE VIRTUAL TABLE IF NOT EXISTS "KnowledgePieceFts" USING fts5("terms", tokenize = 'unicode61 remove_diacritics 0');
CREATE TRIGGER IF NOT EXISTS "KnowledgePiece_fts_insert" AFTER INSERT ON "KnowledgePiece" BEGIN
  INSERT INTO "KnowledgePieceFts" (rowid, "terms") VALUES (NEW.rowid, 'zb' || NEW."chatbotId" || ' ' || NEW."terms");
END;
CREATE TRIGGER IF NOT EXISTS "KnowledgePiece_fts_delete" AFTER DELETE ON "KnowledgePiece" BEGIN
  DELETE FROM "KnowledgePieceFts" WHERE rowid = OLD.rowid;
END;
CREATE TRIGGER IF NOT EXISTS "KnowledgePiece_fts_update" AFTER UPDATE OF "terms", "chatbotId" ON "KnowledgePiece" BEGIN
  DELETE FROM "KnowledgePieceFts" WHERE rowid = OLD.rowid;
  INSERT INTO "KnowledgePieceFts" (rowid, "terms") VALUES (NEW.rowid, 'zb' || NEW."chatbotId" || ' ' || NEW."terms");
END;
