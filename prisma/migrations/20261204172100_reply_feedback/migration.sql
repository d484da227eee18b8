-- Columns added in place (Prisma's diff would copy the whole Message table to add them).
ALTER TABLE "Message" ADD COLUMN "fallback" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Message" ADD COLUMN "rating" INTEGER;
ALTER TABLE "Message" ADD COLUMN "ratingComment" TEXT;
ALTER TABLE "Message" ADD COLUMN "ratedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "needsReview" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Message_chatbotId_needsReview_createdAt_idx" ON "Message"("chatbotId", "needsReview", "createdAt");
