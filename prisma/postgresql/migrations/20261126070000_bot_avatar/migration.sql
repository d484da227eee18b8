-- AlterTable
ALTER TABLE "User" ADD COLUMN     "checklistDismissedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Chatbot" ADD COLUMN     "avatarColor" TEXT NOT NULL DEFAULT 'indigo',
ADD COLUMN     "avatarIcon" TEXT NOT NULL DEFAULT 'robot';

