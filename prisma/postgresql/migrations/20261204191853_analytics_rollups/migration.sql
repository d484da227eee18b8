-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "channel" TEXT;

-- CreateTable
CREATE TABLE "BotActivity" (
    "chatbotId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "conversations" INTEGER NOT NULL DEFAULT 0,
    "questions" INTEGER NOT NULL DEFAULT 0,
    "replies" INTEGER NOT NULL DEFAULT 0,
    "fallbacks" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "ratingsUp" INTEGER NOT NULL DEFAULT 0,
    "ratingsDown" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BotActivity_pkey" PRIMARY KEY ("chatbotId","slot","channel","provider","model")
);

-- CreateTable
CREATE TABLE "BotLatency" (
    "chatbotId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BotLatency_pkey" PRIMARY KEY ("chatbotId","day","bucket")
);

-- CreateTable
CREATE TABLE "BotTopQuestion" (
    "chatbotId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BotTopQuestion_pkey" PRIMARY KEY ("chatbotId","day","key")
);

-- CreateTable
CREATE TABLE "BotVisitor" (
    "chatbotId" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotVisitor_pkey" PRIMARY KEY ("chatbotId","visitorId")
);

-- CreateIndex
CREATE INDEX "BotVisitor_chatbotId_lastSeenAt_idx" ON "BotVisitor"("chatbotId", "lastSeenAt");

-- AddForeignKey
ALTER TABLE "BotActivity" ADD CONSTRAINT "BotActivity_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotLatency" ADD CONSTRAINT "BotLatency_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotTopQuestion" ADD CONSTRAINT "BotTopQuestion_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotVisitor" ADD CONSTRAINT "BotVisitor_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill the activity from the messages and conversations stored so far ("createdAt" holds UTC).
-- Public conversations were not told apart by channel before: they count as the public page. A
-- visitor message counts under the bots current model: latency and top questions start with
-- this version.
INSERT INTO "BotActivity" ("chatbotId", "slot", "channel", "provider", "model", "questions", "replies", "fallbacks", "failures", "ratingsUp", "ratingsDown", "inputTokens", "outputTokens")
SELECT m."chatbotId",
    FLOOR(EXTRACT(EPOCH FROM m."createdAt") / 900)::int,
    CASE c."source" WHEN 'public' THEN 'page' ELSE c."source" END,
    COALESCE(m."provider", b."provider"), COALESCE(m."model", b."model"),
    COUNT(*) FILTER (WHERE m."role" = 'user'),
    COUNT(*) FILTER (WHERE m."role" = 'assistant'),
    COUNT(*) FILTER (WHERE m."role" = 'assistant' AND m."fallback"),
    COUNT(*) FILTER (WHERE m."role" = 'assistant' AND m."errorCode" IS NOT NULL),
    COUNT(*) FILTER (WHERE m."rating" = 1),
    COUNT(*) FILTER (WHERE m."rating" = -1),
    COALESCE(SUM(m."inputTokens"), 0), COALESCE(SUM(m."outputTokens"), 0)
FROM "Message" m
JOIN "Conversation" c ON c."id" = m."conversationId"
JOIN "Chatbot" b ON b."id" = m."chatbotId"
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO "BotActivity" ("chatbotId", "slot", "channel", "provider", "model", "conversations")
SELECT c."chatbotId", FLOOR(EXTRACT(EPOCH FROM c."startedAt") / 900)::int,
    CASE c."source" WHEN 'public' THEN 'page' ELSE c."source" END,
    b."provider", b."model", COUNT(*)
FROM "Conversation" c
JOIN "Chatbot" b ON b."id" = c."chatbotId"
GROUP BY 1, 2, 3, 4, 5
ON CONFLICT ("chatbotId", "slot", "channel", "provider", "model") DO UPDATE SET "conversations" = excluded."conversations";

INSERT INTO "BotVisitor" ("chatbotId", "visitorId", "firstSeenAt", "lastSeenAt")
SELECT "chatbotId", "visitorId", MIN("startedAt"), MAX("updatedAt")
FROM "Conversation"
WHERE "visitorId" IS NOT NULL
GROUP BY 1, 2;
