import { afterAll, beforeEach, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { createChatbot } from "@/lib/db/chatbots";
import { deleteAllConversations } from "@/lib/db/conversations";
import { addKnowledge, updateKnowledgeEntry } from "@/lib/db/knowledge";
import { countMessages, messagesLastWeek, usageDay, weekStartDay } from "@/lib/db/usage";
import { startFakeLlm } from "@/scripts/fake-llm.mjs";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => `t:${key}` }));

// Configuration is read once, at the first import that needs it: set before any import runs.
const FAKE_PORT = vi.hoisted(() => {
  const port = 31_000 + (process.pid % 500) * 2 + Number(process.env.VITEST_POOL_ID ?? 1) - 1;
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${port}/v1`;
  process.env.OPENAI_API_KEY = "sk-route-test";
  process.env.CHAT_PER_USER_PER_MINUTE = "8";
  return port;
});
const fake = await startFakeLlm({ port: FAKE_PORT, reply: "From the LLM." });
const { POST } = await import("./route");
const DAY = 24 * 60 * 60 * 1000;

afterAll(() => fake.close());
beforeEach(() => {
  actAs(null);
  fake.state.scenario = "ok";
  vi.spyOn(console, "error").mockImplementation(() => {});
});

async function chat(botId: string, body: unknown) {
  const response = await POST(new Request("http://test/api", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve({ id: botId }) });
  const text = await response.text();
  const events = response.headers.get("content-type")?.includes("ndjson") ? text.trim().split("\n").map((l) => JSON.parse(l)) : [JSON.parse(text)];
  return { status: response.status, events };
}

it("streams the built-in answer and stores both messages", async () => {
  const user = await makeUser();
  const bot = await createChatbot(user, botInput());
  await addKnowledge(user, bot.id, [{ question: "What are your opening hours?", answer: "Seven to six." }]);
  actAs(user);
  const { status, events } = await chat(bot.id, { message: "when do you open" });
  expect(status).toBe(200);
  expect(events[0]).toMatchObject({ type: "start", conversationId: expect.any(String) });
  expect(events.filter((e) => e.type === "text").map((e) => e.text).join("")).toBe("Seven to six.");
  expect(events.at(-1)).toMatchObject({ type: "done", finishReason: "stop" });
  const stored = await db.message.findMany({ where: { conversationId: events[0].conversationId }, orderBy: { createdAt: "asc" } });
  expect(stored.map((m) => [m.role, m.content])).toEqual([["user", "when do you open"], ["assistant", "Seven to six."]]);

  // The same conversation goes on, with its history sent along.
  const next = await chat(bot.id, { message: "thanks", conversationId: events[0].conversationId });
  expect(next.events.filter((e) => e.type === "text").map((e) => e.text).join("")).toBe("t:default_fallback");
});

it("keeps the visitor's message and records the code when the provider fails", async () => {
  const user = await makeUser();
  const bot = await createChatbot(user, botInput({ provider: "openai", model: "m" }));
  actAs(user);
  fake.state.scenario = "429";
  const { events } = await chat(bot.id, { message: "are you there?" });
  expect(events.at(-1)).toEqual({ type: "error", code: "provider_rate_limited" });
  const stored = await db.message.findMany({ where: { conversationId: events[0].conversationId }, orderBy: { createdAt: "asc" } });
  expect(stored.map((m) => [m.role, m.content, m.errorCode])).toEqual([["user", "are you there?", null], ["assistant", "", "provider_rate_limited"]]);
});

it("refuses without a session, for someone else's bot, an inactive bot and an over-long message", async () => {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  const inactive = await createChatbot(owner, botInput({ isActive: false }));
  expect((await chat(bot.id, { message: "hi" })).status).toBe(401);
  actAs(await makeUser());
  expect(await chat(bot.id, { message: "hi" })).toEqual({ status: 404, events: [{ code: "not_found" }] });
  actAs(owner);
  expect(await chat(inactive.id, { message: "hi" })).toEqual({ status: 409, events: [{ code: "bot_inactive" }] });
  expect((await chat(bot.id, { message: "x".repeat(4001) })).events[0]).toMatchObject({ code: "message_too_long" });
  expect((await chat(bot.id, { message: "   " })).status).toBe(400);
  expect(await db.conversation.count({ where: { chatbotId: { in: [bot.id, inactive.id] } } })).toBe(0);
});

it("refuses over the bot's daily quota before the provider is asked, with the wait until the next day", async () => {
  const user = await makeUser();
  const bot = await createChatbot(user, botInput({ provider: "openai", model: "m", dailyMessageQuota: 2 }));
  actAs(user);
  expect((await chat(bot.id, { message: "one" })).status).toBe(200);
  expect((await chat(bot.id, { message: "two" })).status).toBe(200);
  const asked = fake.state.requests.length;
  const refused = await POST(new Request("http://test/api", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message: "three" }) }), { params: Promise.resolve({ id: bot.id }) });
  expect(refused.status).toBe(429);
  const body = await refused.json();
  expect(body).toMatchObject({ code: "quota_exceeded" });
  expect(Number(refused.headers.get("retry-after"))).toBe(body.retryAfter);
  expect(body.retryAfter).toBeGreaterThan(0);
  expect(body.retryAfter).toBeLessThanOrEqual(24 * 60 * 60);
  expect(fake.state.requests.length).toBe(asked);
  expect(await db.message.count({ where: { chatbotId: bot.id, role: "user" } })).toBe(2);
});

it("counts the quota from today's usage row: a reply that failed before its first token gives its message back, and deleting conversations gives nothing back", async () => {
  const user = await makeUser();
  const bot = await createChatbot(user, botInput({ provider: "openai", model: "m", dailyMessageQuota: 2 }));
  actAs(user);
  expect((await chat(bot.id, { message: "one" })).events.at(-1)).toMatchObject({ type: "done" });
  fake.state.scenario = "500";
  expect((await chat(bot.id, { message: "two" })).events.at(-1)).toMatchObject({ type: "error" });
  // Both exchanges are stored messages; only the answered one spent the quota.
  expect(await db.botDailyUsage.findMany({ where: { chatbotId: bot.id }, select: { day: true, messages: true, visitorMessages: true } })).toEqual([
    { day: usageDay(), messages: 4, visitorMessages: 1 },
  ]);
  expect(await messagesLastWeek(user)).toEqual({ [bot.id]: await db.message.count({ where: { chatbotId: bot.id } }) });
  fake.state.scenario = "ok";
  expect((await chat(bot.id, { message: "three" })).events.at(-1)).toMatchObject({ type: "done" });

  await deleteAllConversations(user, bot.id);
  const asked = fake.state.requests.length;
  expect(await chat(bot.id, { message: "four" })).toMatchObject({ status: 429, events: [{ code: "quota_exceeded" }] });
  expect(fake.state.requests.length).toBe(asked);
  expect(await messagesLastWeek(user)).toEqual({ [bot.id]: 6 });
  await db.chatbot.update({ where: { id: bot.id }, data: { dailyMessageQuota: 3 } });
  expect((await chat(bot.id, { message: "four" })).status).toBe(200);
});

it("refuses at the cap that today's row holds, whatever messages exist; yesterday's row does not count", async () => {
  const user = await makeUser();
  const full = await createChatbot(user, botInput({ dailyMessageQuota: 3 }));
  const fresh = await createChatbot(user, botInput({ dailyMessageQuota: 1 }));
  await countMessages(full.id, { messages: 5, visitorMessages: 3 });
  await countMessages(fresh.id, { messages: 9, visitorMessages: 5 }, usageDay(new Date(Date.now() - DAY)));
  actAs(user);
  expect(await chat(full.id, { message: "hi" })).toMatchObject({ status: 429, events: [{ code: "quota_exceeded" }] });
  expect((await chat(fresh.id, { message: "hi" })).status).toBe(200);
  expect(await chat(fresh.id, { message: "again" })).toMatchObject({ status: 429, events: [{ code: "quota_exceeded" }] });
});

it("counts an exchange whose visitor left half-way", async () => {
  const user = await makeUser();
  const bot = await createChatbot(user, botInput({ provider: "openai", model: "m", dailyMessageQuota: 1 }));
  actAs(user);
  fake.state.paceMs = 20;
  try {
    const response = await POST(new Request("http://test/api", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message: "bye" }) }), { params: Promise.resolve({ id: bot.id }) });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
  } finally {
    fake.state.paceMs = 0;
  }
  const usage = await db.botDailyUsage.findUniqueOrThrow({ where: { chatbotId_day: { chatbotId: bot.id, day: usageDay() } } });
  expect(usage).toMatchObject({ visitorMessages: 1, messages: await db.message.count({ where: { chatbotId: bot.id } }) });
  expect(await chat(bot.id, { message: "back again" })).toMatchObject({ status: 429, events: [{ code: "quota_exceeded" }] });
});

it("shows on the dashboard the messages of today and the six days before, as they were sent", async () => {
  const user = await makeUser();
  const bot = await createChatbot(user, botInput());
  const earlier = await createChatbot(user, botInput());
  actAs(user);
  const sendOn = async (at: Date, botId: string, message: string) => {
    vi.useFakeTimers({ toFake: ["Date"], now: at });
    try {
      expect((await chat(botId, { message })).events.at(-1)).toMatchObject({ type: "done" });
    } finally {
      vi.useRealTimers();
    }
  };
  await sendOn(new Date(Date.now() - 8 * DAY), bot.id, "last week");
  await sendOn(new Date(Date.now() - 3 * DAY), bot.id, "three days ago");
  await sendOn(new Date(Date.now() - 2 * DAY), earlier.id, "two days ago");
  const { events } = await chat(bot.id, { message: "today" });
  await chat(bot.id, { message: "and again", conversationId: events[0].conversationId });

  const week = await messagesLastWeek(user);
  expect(week).toEqual({ [bot.id]: 6, [earlier.id]: 2 });
  // The same figure as counting the stored messages of those days.
  const since = new Date(`${weekStartDay()}T00:00:00.000Z`);
  expect(week[bot.id]).toBe(await db.message.count({ where: { chatbotId: bot.id, createdAt: { gte: since } } }));
  expect(await db.message.count({ where: { chatbotId: bot.id } })).toBe(8);
});

it("limits one user's messages per minute across their bots, not other users'", async () => {
  const user = await makeUser();
  const [a, b] = [await createChatbot(user, botInput()), await createChatbot(user, botInput())];
  actAs(user);
  for (let i = 0; i < 8; i++) expect((await chat(i % 2 ? a.id : b.id, { message: `hello ${i}` })).status).toBe(200);
  const refused = await chat(a.id, { message: "one more" });
  expect(refused.status).toBe(429);
  expect(refused.events[0]).toMatchObject({ code: "too_many_requests", retryAfter: expect.any(Number) });
  expect(refused.events[0].retryAfter).toBeLessThanOrEqual(60);
  const other = await makeUser();
  actAs(other);
  expect((await chat((await createChatbot(other, botInput())).id, { message: "hello" })).status).toBe(200);
});

it("gives an LLM bot the Q&A entries that match the message, and not the others", async () => {
  const user = await makeUser();
  const bot = await createChatbot(user, botInput({ provider: "openai", model: "m", systemPrompt: "You are the bakery's assistant." }));
  await addKnowledge(user, bot.id, [
    { question: "Do you deliver wedding cakes?", answer: "Yes, within 20 km, ordered a week ahead." },
    { question: "What are your opening hours?", answer: "Seven to six, Monday to Saturday." },
    { question: "Is there parking?", answer: "Behind the shop, two spaces." },
  ]);
  actAs(user);
  const asked = fake.state.requests.length;
  const { events } = await chat(bot.id, { message: "can you deliver a cake for my wedding?" });
  expect(events.at(-1)).toMatchObject({ type: "done", finishReason: "stop" });
  const body = fake.state.requests[asked].body;
  const system = body.messages.find((m: { role: string }) => m.role === "system").content;
  expect(system).toContain("You are the bakery's assistant.");
  expect(system).toContain("Yes, within 20 km, ordered a week ahead.");
  expect(system).not.toContain("Seven to six");
  expect(system).not.toContain("two spaces");
  expect(body.messages.at(-1)).toEqual({ role: "user", content: "can you deliver a cake for my wedding?" });

  // A changed answer reaches the very next message: the bot's index is not stale.
  const [entry] = await db.knowledgeEntry.findMany({ where: { chatbotId: bot.id }, orderBy: { position: "asc" } });
  await updateKnowledgeEntry(user, entry.id, { question: entry.question, answer: "Only within 5 km now." });
  await chat(bot.id, { message: "do you deliver wedding cakes?" });
  const again = fake.state.requests.at(-1)!.body;
  const system2 = again.messages.find((m: { role: string }) => m.role === "system").content;
  expect(system2).toContain("Only within 5 km now.");
  expect(system2).not.toContain("within 20 km");
});
