-- AlterTable
ALTER TABLE "Chatbot" ADD COLUMN "avatarImage" BLOB;
ALTER TABLE "Chatbot" ADD COLUMN "avatarImageHash" TEXT;

