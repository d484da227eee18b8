-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "apiKeyId" TEXT;
ALTER TABLE "Conversation" ADD COLUMN "visitorId" TEXT;

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "allBots" BOOLEAN NOT NULL DEFAULT true,
    "expiresAt" DATETIME,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApiKey_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiKeyBot" (
    "apiKeyId" TEXT NOT NULL,
    "chatbotId" TEXT NOT NULL,

    PRIMARY KEY ("apiKeyId", "chatbotId"),
    CONSTRAINT "ApiKeyBot_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiKeyBot_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Chatbot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "systemPrompt" TEXT NOT NULL DEFAULT '',
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "provider" TEXT NOT NULL DEFAULT 'builtin',
    "model" TEXT NOT NULL DEFAULT '',
    "temperature" REAL NOT NULL DEFAULT 0.7,
    "maxOutputTokens" INTEGER NOT NULL DEFAULT 512,
    "welcomeMessage" TEXT NOT NULL DEFAULT '',
    "fallbackMessage" TEXT NOT NULL DEFAULT '',
    "dailyMessageQuota" INTEGER,
    "adminLocked" BOOLEAN NOT NULL DEFAULT false,
    "knowledgeVersion" INTEGER NOT NULL DEFAULT 0,
    "publicId" TEXT NOT NULL,
    "publicPageEnabled" BOOLEAN NOT NULL DEFAULT false,
    "widgetEnabled" BOOLEAN NOT NULL DEFAULT false,
    "allowedOrigins" TEXT NOT NULL DEFAULT '',
    "widgetSettings" TEXT NOT NULL DEFAULT '{}',
    "apiEnabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Chatbot_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Existing bots get a random public id (128 bits from SQLite's own CSPRNG).
INSERT INTO "new_Chatbot" ("adminLocked", "createdAt", "dailyMessageQuota", "description", "fallbackMessage", "id", "isActive", "knowledgeVersion", "maxOutputTokens", "model", "name", "ownerId", "provider", "systemPrompt", "temperature", "updatedAt", "welcomeMessage", "publicId") SELECT "adminLocked", "createdAt", "dailyMessageQuota", "description", "fallbackMessage", "id", "isActive", "knowledgeVersion", "maxOutputTokens", "model", "name", "ownerId", "provider", "systemPrompt", "temperature", "updatedAt", "welcomeMessage", lower(hex(randomblob(16))) FROM "Chatbot";
DROP TABLE "Chatbot";
ALTER TABLE "new_Chatbot" RENAME TO "Chatbot";
CREATE UNIQUE INDEX "Chatbot_publicId_key" ON "Chatbot"("publicId");
CREATE INDEX "Chatbot_ownerId_updatedAt_idx" ON "Chatbot"("ownerId", "updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_ownerId_createdAt_idx" ON "ApiKey"("ownerId", "createdAt");

-- CreateIndex
CREATE INDEX "ApiKeyBot_chatbotId_idx" ON "ApiKeyBot"("chatbotId");

-- CreateIndex
CREATE INDEX "Conversation_chatbotId_visitorId_idx" ON "Conversation"("chatbotId", "visitorId");

