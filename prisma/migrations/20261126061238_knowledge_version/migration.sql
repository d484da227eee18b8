-- AlterTable
ALTER TABLE "Chatbot" ADD COLUMN "knowledgeVersion" INTEGER NOT NULL DEFAULT 0;
