-- AlterTable
ALTER TABLE "BotDailyUsage" ADD COLUMN     "refusedMessages" INTEGER NOT NULL DEFAULT 0;

