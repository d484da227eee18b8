-- AlterTable
ALTER TABLE "User" ADD COLUMN "checklistDismissedAt" DATETIME;

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
    "avatarIcon" TEXT NOT NULL DEFAULT 'robot',
    "avatarColor" TEXT NOT NULL DEFAULT 'indigo',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Chatbot_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Chatbot" ("adminLocked", "createdAt", "dailyMessageQuota", "description", "fallbackMessage", "id", "isActive", "knowledgeVersion", "maxOutputTokens", "model", "name", "ownerId", "provider", "systemPrompt", "temperature", "updatedAt", "welcomeMessage") SELECT "adminLocked", "createdAt", "dailyMessageQuota", "description", "fallbackMessage", "id", "isActive", "knowledgeVersion", "maxOutputTokens", "model", "name", "ownerId", "provider", "systemPrompt", "temperature", "updatedAt", "welcomeMessage" FROM "Chatbot";
DROP TABLE "Chatbot";
ALTER TABLE "new_Chatbot" RENAME TO "Chatbot";
CREATE INDEX "Chatbot_ownerId_updatedAt_idx" ON "Chatbot"("ownerId", "updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

