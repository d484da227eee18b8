-- AlterTable
ALTER TABLE "KnowledgeEntry" ADD COLUMN     "alternatives" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "sources" TEXT;

-- CreateTable
CREATE TABLE "KnowledgeSource" (
    "id" TEXT NOT NULL,
    "chatbotId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT,
    "fileType" TEXT,
    "content" BYTEA,
    "size" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "errorCode" TEXT,
    "pieceCount" INTEGER NOT NULL DEFAULT 0,
    "maxPages" INTEGER,
    "maxDepth" INTEGER,
    "syncSchedule" TEXT NOT NULL DEFAULT 'never',
    "nextSyncAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgePage" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT,
    "contentHash" TEXT,
    "errorCode" TEXT,
    "pieceCount" INTEGER NOT NULL DEFAULT 0,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KnowledgePage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgePiece" (
    "id" TEXT NOT NULL,
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
    "embedding" BYTEA,

    CONSTRAINT "KnowledgePiece_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "key" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 4,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "KnowledgeSource" ADD CONSTRAINT "KnowledgeSource_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgePage" ADD CONSTRAINT "KnowledgePage_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "KnowledgeSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgePiece" ADD CONSTRAINT "KnowledgePiece_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "KnowledgeSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgePiece" ADD CONSTRAINT "KnowledgePiece_pageId_fkey" FOREIGN KEY ("pageId") REFERENCES "KnowledgePage"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text index over the pieces' stems, which Prisma does not model (idempotent raw SQL).
-- The stems are made in lib/knowledge/stem.ts for both engines, so the 'simple' configuration;
-- the bot's token ("zb" + chatbotId) lets the GIN index meet one bot's pieces only.
ALTER TABLE "KnowledgePiece" ADD COLUMN IF NOT EXISTS "search" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', 'zb' || "chatbotId" || ' ' || "terms")) STORED;
CREATE INDEX IF NOT EXISTS "KnowledgePiece_search_idx" ON "KnowledgePiece" USING GIN ("search");
