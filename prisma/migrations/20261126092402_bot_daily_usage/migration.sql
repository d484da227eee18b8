-- CreateTable
CREATE TABLE "BotDailyUsage" (
    "chatbotId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "visitorMessages" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("chatbotId", "day"),
    CONSTRAINT "BotDailyUsage_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);


-- Backfill from the messages stored so far, per bot and UTC day. Prisma stores DateTime as ISO
-- text with an offset, which strftime reads in UTC; an integer would be milliseconds.
INSERT INTO "BotDailyUsage" ("chatbotId", "day", "messages", "visitorMessages")
SELECT "chatbotId", "day", COUNT(*), SUM(CASE WHEN "role" = 'user' THEN 1 ELSE 0 END)
FROM (
    SELECT "chatbotId", "role",
        CASE WHEN typeof("createdAt") IN ('integer', 'real') THEN strftime('%Y-%m-%d', "createdAt" / 1000, 'unixepoch')
             ELSE strftime('%Y-%m-%d', "createdAt") END AS "day"
    FROM "Message"
)
WHERE "day" IS NOT NULL
GROUP BY "chatbotId", "day";
