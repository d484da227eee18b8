import { describe, expect, it, vi } from "vitest";

// Before anything creates the database client: count every statement it runs.
process.env.BENCH_COUNT_STATEMENTS = "true";
// On PostgreSQL the limits live in the database unless Redis is set (2 statements a message, which
// a deployment with several instances avoids with REDIS_URL); here they are the chat's own.
if (process.env.TEST_REDIS_URL) process.env.REDIS_URL = process.env.TEST_REDIS_URL;
const { db } = await import("@/lib/db/client");
const { statementCounts } = await import("@/lib/db/statement-count");
const { liveSessionState } = await import("@/lib/db/sessions");
const { createChatbotWithKnowledge } = await import("@/lib/db/chatbots");
const { botInput, makeUser } = await import("@/lib/testing/factories");
const { startChat } = await import("./pipeline");

/** One chat message as the playground route sends it: the session check, then the pipeline; the statements it ran. */
async function message(owner: { id: string; sessionVersion: number }, sessionId: string, botId: string, text: string, conversationId?: string) {
  const before = statementCounts();
  expect(await liveSessionState(sessionId, owner.sessionVersion)).not.toBeNull();
  const reply = await startChat({ caller: { kind: "owner", id: owner.id }, botId, message: text, conversationId });
  let said = "";
  for await (const event of reply.events) if (event.type === "text") said += event.text;
  const after = statementCounts();
  const diff = (a: { statements: number; transactions: number }) => ({ statements: a.statements - before.statements, transactions: a.transactions - before.transactions });
  return { conversationId: reply.conversationId, said, beforeFirstToken: diff(after.atFirstToken!), whole: diff(after) };
}

describe("a chat message's database work", () => {
  it("is at most four statements and no transaction before the first token; the exchange is stored after it", async () => {
    const owner = await makeUser();
    const session = await db.session.create({ data: { sessionToken: `s-${owner.id}`, userId: owner.id, expires: new Date(Date.now() + 3_600_000) } });
    const bot = await createChatbotWithKnowledge(owner, botInput({ dailyMessageQuota: 100 }), [{ question: "opening hours", answer: "From nine to five." }]);
    await message(owner, session.sessionToken, bot.id, "opening hours"); // builds the bot's Q&A index once

    const first = await message(owner, session.sessionToken, bot.id, "opening hours");
    expect(first.said).toBe("From nine to five.");
    expect(first.beforeFirstToken.transactions).toBe(0);
    expect(first.beforeFirstToken.statements).toBeLessThanOrEqual(4);

    const next = await message(owner, session.sessionToken, bot.id, "and your opening hours on Sunday?", first.conversationId);
    expect(next.conversationId).toBe(first.conversationId);
    expect(next.beforeFirstToken.transactions).toBe(0);
    expect(next.beforeFirstToken.statements).toBeLessThanOrEqual(4);
    expect(next.whole.transactions).toBe(0);

    // Both exchanges, in order, visitor before bot.
    const stored = await db.message.findMany({ where: { conversationId: first.conversationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { role: true, content: true } });
    expect(stored).toEqual([
      { role: "user", content: "opening hours" },
      { role: "assistant", content: "From nine to five." },
      { role: "user", content: "and your opening hours on Sunday?" },
      { role: "assistant", content: "From nine to five." },
    ]);
  });

  it("keeps a conversation in order when its messages come within one millisecond", async () => {
    const owner = await makeUser();
    const bot = await createChatbotWithKnowledge(owner, botInput(), [{ question: "opening hours", answer: "Nine to five." }]);
    const send = async (message: string, conversationId?: string) => {
      const reply = await startChat({ caller: { kind: "owner", id: owner.id }, botId: bot.id, message, conversationId });
      for await (const event of reply.events) void event;
      return reply.conversationId;
    };
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-11-26T12:00:00.000Z")); // the clock stands still
      const id = await send("opening hours");
      await send("opening hours again", id);
      const stored = await db.message.findMany({ where: { conversationId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { content: true } });
      expect(stored.map((m) => m.content)).toEqual(["opening hours", "Nine to five.", "opening hours again", "Nine to five."]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps the visitor's message when the reader leaves before the reply", async () => {
    const owner = await makeUser();
    const bot = await createChatbotWithKnowledge(owner, botInput(), [{ question: "opening hours", answer: "From nine to five, every day." }]);
    const reply = await startChat({ caller: { kind: "owner", id: owner.id }, botId: bot.id, message: "opening hours" });
    expect((await reply.events.next()).value).toEqual({ type: "start", conversationId: reply.conversationId });
    await reply.events.return(undefined);
    const stored = await db.message.findMany({ where: { conversationId: reply.conversationId }, select: { role: true, content: true } });
    expect(stored).toEqual([{ role: "user", content: "opening hours" }]);
  });
});
