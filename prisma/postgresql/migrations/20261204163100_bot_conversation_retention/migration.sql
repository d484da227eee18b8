-- AlterTable
ALTER TABLE "Chatbot" ADD COLUMN     "conversationRetentionDays" INTEGER;

