-- AlterTable
ALTER TABLE "User" ADD COLUMN "checklistDismissedAt" DATETIME;

-- AlterTable
ALTER TABLE "Chatbot" ADD COLUMN "avatarIcon" TEXT NOT NULL DEFAULT 'robot';
ALTER TABLE "Chatbot" ADD COLUMN "avatarColor" TEXT NOT NULL DEFAULT 'indigo';
