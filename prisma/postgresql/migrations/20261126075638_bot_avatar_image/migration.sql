-- AlterTable
ALTER TABLE "Chatbot" ADD COLUMN     "avatarImage" BYTEA,
ADD COLUMN     "avatarImageHash" TEXT;

