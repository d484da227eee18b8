-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "channel" TEXT;

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

    PRIMARY KEY ("chatbotId", "slot", "channel", "provider", "model"),
    CONSTRAINT "BotActivity_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BotLatency" (
    "chatbotId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("chatbotId", "day", "bucket"),
    CONSTRAINT "BotLatency_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BotTopQuestion" (
    "chatbotId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("chatbotId", "day", "key"),
    CONSTRAINT "BotTopQuestion_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BotVisitor" (
    "chatbotId" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,

    PRIMARY KEY ("chatbotId", "visitorId"),
    CONSTRAINT "BotVisitor_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BotVisitor_chatbotId_lastSeenAt_idx" ON "BotVisitor"("chatbotId", "lastSeenAt");


-- Backfill the activity from the messages and conversations stored so far. A DateTime is ISO text
-- (strftime reads it in UTC) or, written by an older client, milliseconds. Public conversations
-- were not told apart by channel before: they count as the public page. A visitor message
-- counts under the bots current model: latency and top questions start with this version.
INSERT INTO "BotActivity" ("chatbotId", "slot", "channel", "provider", "model", "questions", "replies", "fallbacks", "failures", "ratingsUp", "ratingsDown", "inputTokens", "outputTokens")
SELECT m."chatbotId",
    (CASE WHEN typeof(m."createdAt") IN ('integer', 'real') THEN CAST(m."createdAt" / 1000 AS INTEGER) ELSE CAST(strftime('%s', m."createdAt") AS INTEGER) END) / 900,
    CASE c."source" WHEN 'public' THEN 'page' ELSE c."source" END,
    COALESCE(m."provider", b."provider"), COALESCE(m."model", b."model"),
    SUM(CASE WHEN m."role" = 'user' THEN 1 ELSE 0 END),
    SUM(CASE WHEN m."role" = 'assistant' THEN 1 ELSE 0 END),
    SUM(CASE WHEN m."role" = 'assistant' AND m."fallback" THEN 1 ELSE 0 END),
    SUM(CASE WHEN m."role" = 'assistant' AND m."errorCode" IS NOT NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN m."rating" = 1 THEN 1 ELSE 0 END),
    SUM(CASE WHEN m."rating" = -1 THEN 1 ELSE 0 END),
    COALESCE(SUM(m."inputTokens"), 0), COALESCE(SUM(m."outputTokens"), 0)
FROM "Message" m
JOIN "Conversation" c ON c."id" = m."conversationId"
JOIN "Chatbot" b ON b."id" = m."chatbotId"
WHERE m."createdAt" IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO "BotActivity" ("chatbotId", "slot", "channel", "provider", "model", "conversations")
SELECT c."chatbotId",
    (CASE WHEN typeof(c."startedAt") IN ('integer', 'real') THEN CAST(c."startedAt" / 1000 AS INTEGER) ELSE CAST(strftime('%s', c."startedAt") AS INTEGER) END) / 900,
    CASE c."source" WHEN 'public' THEN 'page' ELSE c."source" END,
    b."provider", b."model", COUNT(*)
FROM "Conversation" c
JOIN "Chatbot" b ON b."id" = c."chatbotId"
WHERE true
GROUP BY 1, 2, 3, 4, 5
ON CONFLICT ("chatbotId", "slot", "channel", "provider", "model") DO UPDATE SET "conversations" = excluded."conversations";

INSERT INTO "BotVisitor" ("chatbotId", "visitorId", "firstSeenAt", "lastSeenAt")
SELECT "chatbotId", "visitorId", MIN("startedAt"), MAX("updatedAt")
FROM "Conversation"
WHERE "visitorId" IS NOT NULL
GROUP BY 1, 2;
