-- CreateTable
CREATE TABLE "BotTest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "chatbotId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "expected" TEXT NOT NULL,
    "mustNotContain" TEXT NOT NULL DEFAULT '',
    "mustUseSource" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BotTest_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BotTestRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "chatbotId" TEXT NOT NULL,
    "draftVersion" INTEGER,
    "publishedVersion" INTEGER,
    "knowledgeVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "errorCode" TEXT,
    "total" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "BotTestRun_chatbotId_fkey" FOREIGN KEY ("chatbotId") REFERENCES "Chatbot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BotTestResult" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "testId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "draftReply" TEXT NOT NULL,
    "draftPass" BOOLEAN NOT NULL,
    "draftFailures" TEXT NOT NULL DEFAULT '',
    "draftMs" INTEGER NOT NULL,
    "publishedReply" TEXT NOT NULL,
    "publishedPass" BOOLEAN NOT NULL,
    "publishedFailures" TEXT NOT NULL DEFAULT '',
    "publishedMs" INTEGER NOT NULL,
    CONSTRAINT "BotTestResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "BotTestRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BotTestResult_testId_fkey" FOREIGN KEY ("testId") REFERENCES "BotTest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BotTest_chatbotId_createdAt_idx" ON "BotTest"("chatbotId", "createdAt");

-- CreateIndex
CREATE INDEX "BotTestRun_chatbotId_startedAt_idx" ON "BotTestRun"("chatbotId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BotTestResult_runId_testId_key" ON "BotTestResult"("runId", "testId");

