-- AlterTable
ALTER TABLE "Chatbot" ADD COLUMN     "allowedOrigins" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "apiEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "publicId" TEXT,
ADD COLUMN     "publicPageEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "widgetEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "widgetSettings" TEXT NOT NULL DEFAULT '{}';

-- Existing bots get a random public id (gen_random_uuid: 122 random bits).
UPDATE "Chatbot" SET "publicId" = replace(gen_random_uuid()::text, '-', '');
ALTER TABLE "Chatbot" ALTER COLUMN "publicId" SET NOT NULL;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "apiKeyId" TEXT,
ADD COLUMN     "visitorId" TEXT;

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "allBots" BOOLEAN NOT NULL DEFAULT true,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKeyBot" (
    "apiKeyId" TEXT NOT NULL,
    "chatbotId" TEXT NOT NULL,

    CONSTRAINT "ApiKeyBot_pkey" PRIMARY KEY ("apiKeyId","chatbotId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_ownerId_createdAt_idx" ON "ApiKey"("ownerId", "createdAt");

-- CreateIndex
CREATE INDEX "ApiKeyBot_chatbotId_idx" ON "ApiKeyBot"("chatbotId");

-- CreateIndex
CREATE UNIQUE INDEX "Chatbot_publicId_key" ON "Chatbot"("publicId");

-- CreateIndex
CREATE INDEX "Conversation_chatbotId_visitorId_idx" ON "Conversation"("chatbotId", "visitorId");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyBot" ADD CONSTRAINT "ApiKeyBot_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyBot" ADD CONSTRAINT "ApiKeyBot_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

