import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addTest, latestRun } from "@/lib/db/bot-tests";
import { createChatbot, updateChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { quotaDay } from "@/lib/db/usage";
import { AppError } from "@/lib/errors";
import { botInput, makeUser } from "@/lib/testing/factories";
import { startFakeLlm } from "@/scripts/fake-llm.mjs";
import type { TestRunEvent } from "./test-run";

// Saved tests of an LLM bot through the local fake OpenAI-compatible provider: every provider
// call takes one of the owner's chat messages, a run can be cancelled mid-reply, nothing is stored
// as a conversation.

vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => `t:${key}` }));
const taken = vi.hoisted(() => ({ count: 0, refuse: false }));
vi.mock("@/lib/security/limits", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/security/limits")>()),
  takeChatMessage: async () => {
    taken.count++;
    return taken.refuse ? 30 : 0;
  },
}));
const FAKE_PORT = vi.hoisted(() => {
  const port = 34_000 + (process.pid % 500) * 2 + Number(process.env.VITEST_POOL_ID ?? 1) - 1;
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${port}/v1`;
  process.env.OPENAI_API_KEY = "sk-tests-run";
  return port;
});
const fake = await startFakeLlm({ port: FAKE_PORT, reply: "Fresh bread every morning from 7." });
const { runBotTests } = await import("./test-run");
afterAll(() => fake.close());
beforeEach(() => {
  fake.state.requests.length = 0;
  taken.count = 0;
  taken.refuse = false;
});

const llmBot = (over: Parameters<typeof botInput>[0] = {}) => botInput({ provider: "openai", model: "test-model", systemPrompt: "You are the bakery's assistant.", ...over });
const chatRequests = () => fake.state.requests.filter((r: { path: string }) => r.path.endsWith("/chat/completions")).length;

async function collect(events: AsyncGenerator<TestRunEvent>) {
  const all: TestRunEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe("saved tests of an LLM bot", () => {
  it("ask the provider once per version, each call counted as an owner's chat message, and store no conversation", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, llmBot());
    await updateChatbot(owner, bot.id, llmBot({ systemPrompt: "You are the bakery's assistant. Be brief." }));
    await addTest(owner, bot.id, { question: "When is the bread fresh?", expected: "fresh bread", mustNotContain: "", mustUseSource: "" });
    await addTest(owner, bot.id, { question: "Do you sell cake?", expected: "cake", mustNotContain: "", mustUseSource: "" });

    const events = await collect(runBotTests(owner, bot.id));
    expect(events.at(-1)).toEqual({ type: "end", status: "done" });
    const results = events.flatMap((e) => (e.type === "result" ? [e.result] : []));
    expect(results.map((r) => [r.draft.pass, r.published.pass])).toEqual([
      [true, true],
      [false, false],
    ]);
    expect(results[0].draft.reply).toBe("Fresh bread every morning from 7.");
    expect(results[0].draft.ms).toEqual(expect.any(Number));
    // Draft and published differ (the instructions): both asked, 2 questions × 2 versions.
    expect(chatRequests()).toBe(4);
    expect(taken.count).toBe(4);
    const sent = fake.state.requests.map((r: { body: unknown }) => JSON.stringify(r.body));
    expect(sent.filter((b: string) => b.includes("Be brief."))).toHaveLength(2);
    expect(await db.conversation.count({ where: { chatbotId: bot.id } })).toBe(0);
    expect(await db.message.count({ where: { chatbotId: bot.id } })).toBe(0);
    expect(await db.botDailyUsage.count({ where: { chatbotId: bot.id } })).toBe(0);
  });

  it("ask once when the draft is what is published", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, llmBot());
    await addTest(owner, bot.id, { question: "When is the bread fresh?", expected: "fresh", mustNotContain: "", mustUseSource: "" });
    await collect(runBotTests(owner, bot.id));
    expect(chatRequests()).toBe(1);
    expect(taken.count).toBe(1);
  });

  it("cancel: aborting stops the reply in flight and the questions after it", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, llmBot());
    for (const q of ["[[slow]] one?", "[[slow]] two?", "[[slow]] three?"]) await addTest(owner, bot.id, { question: q, expected: "word1", mustNotContain: "", mustUseSource: "" });
    const controller = new AbortController();
    const started = Date.now();
    const events: TestRunEvent[] = [];
    for await (const event of runBotTests(owner, bot.id, controller.signal)) {
      events.push(event);
      if (event.type === "start") setTimeout(() => controller.abort(), 400);
    }
    // A slow reply takes ~6 s a question; cancelled, the run ends within a moment of the abort.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(events.at(-1)).toEqual({ type: "end", status: "cancelled" });
    expect(events.filter((e) => e.type === "result")).toHaveLength(0);
    expect(chatRequests()).toBe(1);
    expect((await latestRun(owner, bot.id))!.status).toBe("cancelled");
  });

  it("stop when the owner's message limit refuses, and refuse to start on a spent daily quota", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, llmBot({ dailyMessageQuota: 5 }));
    await addTest(owner, bot.id, { question: "When is the bread fresh?", expected: "fresh", mustNotContain: "", mustUseSource: "" });
    taken.refuse = true;
    const events = await collect(runBotTests(owner, bot.id));
    expect(events.at(-1)).toEqual({ type: "end", status: "failed", errorCode: "too_many_requests" });
    expect(chatRequests()).toBe(0);

    taken.refuse = false;
    await db.botDailyUsage.create({ data: { chatbotId: bot.id, day: quotaDay().day, messages: 10, visitorMessages: 5 } });
    const refused = await runBotTests(owner, bot.id)
      .next()
      .then(
        () => "started",
        (e) => (e instanceof AppError ? e.code : String(e)),
      );
    expect(refused).toBe("quota_exceeded");
    expect(chatRequests()).toBe(0);
  });
});
