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
    "guardInstructions" BOOLEAN NOT NULL DEFAULT false,
    "adminLocked" BOOLEAN NOT NULL DEFAULT false,
    "knowledgeVersion" INTEGER NOT NULL DEFAULT 0,
    "publicId" TEXT NOT NULL,
    "publicPageEnabled" BOOLEAN NOT NULL DEFAULT false,
    "widgetEnabled" BOOLEAN NOT NULL DEFAULT false,
    "allowedOrigins" TEXT NOT NULL DEFAULT '',
    "widgetSettings" TEXT NOT NULL DEFAULT '{}',
    "apiEnabled" BOOLEAN NOT NULL DEFAULT false,
    "avatarIcon" TEXT NOT NULL DEFAULT 'robot',
    "avatarColor" TEXT NOT NULL DEFAULT 'indigo',
    "avatarImage" BLOB,
    "avatarImageHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Chatbot_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Chatbot" ("adminLocked", "allowedOrigins", "apiEnabled", "avatarColor", "avatarIcon", "avatarImage", "avatarImageHash", "createdAt", "dailyMessageQuota", "description", "fallbackMessage", "id", "isActive", "knowledgeVersion", "maxOutputTokens", "model", "name", "ownerId", "provider", "publicId", "publicPageEnabled", "systemPrompt", "temperature", "updatedAt", "welcomeMessage", "widgetEnabled", "widgetSettings") SELECT "adminLocked", "allowedOrigins", "apiEnabled", "avatarColor", "avatarIcon", "avatarImage", "avatarImageHash", "createdAt", "dailyMessageQuota", "description", "fallbackMessage", "id", "isActive", "knowledgeVersion", "maxOutputTokens", "model", "name", "ownerId", "provider", "publicId", "publicPageEnabled", "systemPrompt", "temperature", "updatedAt", "welcomeMessage", "widgetEnabled", "widgetSettings" FROM "Chatbot";
DROP TABLE "Chatbot";
ALTER TABLE "new_Chatbot" RENAME TO "Chatbot";
CREATE UNIQUE INDEX "Chatbot_publicId_key" ON "Chatbot"("publicId");
CREATE INDEX "Chatbot_ownerId_updatedAt_idx" ON "Chatbot"("ownerId", "updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

