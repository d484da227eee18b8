-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "fallback" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "needsReview" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "ratedAt" TIMESTAMP(3),
ADD COLUMN     "rating" INTEGER,
ADD COLUMN     "ratingComment" TEXT;

-- CreateIndex
CREATE INDEX "Message_chatbotId_needsReview_createdAt_idx" ON "Message"("chatbotId", "needsReview", "createdAt");

