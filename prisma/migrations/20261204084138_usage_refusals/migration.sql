-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BotDailyUsage" (
    "chatbotId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "visitorMessages" INTEGER NOT NULL DEFAULT 0,
    "refusedMessages" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("chatbotId", "day"),
    CONSTRAINT "BotDailyUsage_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BotDailyUsage" ("chatbotId", "day", "messages", "visitorMessages") SELECT "chatbotId", "day", "messages", "visitorMessages" FROM "BotDailyUsage";
DROP TABLE "BotDailyUsage";
ALTER TABLE "new_BotDailyUsage" RENAME TO "BotDailyUsage";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

