-- AlterTable
ALTER TABLE "Chatbot" ADD COLUMN     "guardInstructions" BOOLEAN NOT NULL DEFAULT false;

