-- AlterTable
ALTER TABLE "Chatbot" ADD COLUMN "publishedVersion" INTEGER;

-- CreateTable
CREATE TABLE "BotVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "chatbotId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "restoredFrom" INTEGER,
    "systemPrompt" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "temperature" REAL NOT NULL,
    "maxOutputTokens" INTEGER NOT NULL,
    "welcomeMessage" TEXT NOT NULL,
    "fallbackMessage" TEXT NOT NULL,
    "knowledgeVersion" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BotVersion_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "BotVersion_chatbotId_number_key" ON "BotVersion"("chatbotId", "number");


-- Backfill: every existing bot's current behaviour becomes its version 1, published. The
-- timestamp is the bot's last change, copied as stored (the same format on each engine).
INSERT INTO "BotVersion" ("id", "chatbotId", "number", "authorId", "authorName", "note", "systemPrompt", "provider", "model", "temperature", "maxOutputTokens", "welcomeMessage", "fallbackMessage", "knowledgeVersion", "createdAt")
SELECT 'v1-' || c."id", c."id", 1, c."ownerId", COALESCE(u."username", ''), '', c."systemPrompt", c."provider", c."model", c."temperature", c."maxOutputTokens", c."welcomeMessage", c."fallbackMessage", c."knowledgeVersion", c."updatedAt"
FROM "Chatbot" c LEFT JOIN "User" u ON u."id" = c."ownerId";

UPDATE "Chatbot" SET "publishedVersion" = 1;
