-- CreateTable
CREATE TABLE "BotDailyUsage" (
    "chatbotId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "visitorMessages" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BotDailyUsage_pkey" PRIMARY KEY ("chatbotId","day")
);

-- AddForeignKey
ALTER TABLE "BotDailyUsage" ADD CONSTRAINT "BotDailyUsage_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill from the messages stored so far, per bot and UTC day ("createdAt" holds UTC).
INSERT INTO "BotDailyUsage" ("chatbotId", "day", "messages", "visitorMessages")
SELECT "chatbotId", to_char("createdAt", 'YYYY-MM-DD'), COUNT(*), COUNT(*) FILTER (WHERE "role" = 'user')
FROM "Message"
GROUP BY 1, 2;
