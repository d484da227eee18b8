import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { db } from "./client";
import { botInput, makeUser } from "@/lib/testing/factories";
import { createChatbot, findBotForChat, type ChatTarget } from "./chatbots";
import {
  HISTORY_WINDOW,
  addMessage,
  conversationHistory,
  deleteAllConversations,
  deleteConversation,
  exportConversations,
  getConversation,
  latestPlaygroundConversation,
  listConversations,
  startConversation,
} from "./conversations";
import type { Actor } from "./scopes";

const code = (p: Promise<unknown>) => p.then(() => "resolved", (e) => (e instanceof AppError ? e.code : String(e)));
const owner = (actor: Actor) => ({ kind: "owner" as const, id: actor.id });
/** The bot as the chat pipeline sees it when its owner asks. */
const target = async (actor: Actor, botId: string) => (await findBotForChat(owner(actor), botId))!;
const hi = { role: "user" as const, content: "hi" };
/** An export, read whole (the route streams it). */
async function collect(conversations: AsyncIterable<{ id: string; messages: AsyncIterable<{ content: string }> }>) {
  const all = [];
  for await (const { messages, ...c } of conversations) {
    const list = [];
    for await (const m of messages) list.push(m);
    all.push({ ...c, messages: list });
  }
  return all;
}

describe("conversations", () => {
  it("keep every exchange and list by first message", async () => {
    const me = await makeUser();
    const bot = await createChatbot(me, botInput());
    const chat = await target(me, bot.id);
    const c1 = await startConversation(chat, "playground", { role: "user", content: "first question" });
    await addMessage(chat, c1, { role: "assistant", content: "an answer", provider: "builtin", latencyMs: 3 });
    await addMessage(chat, c1, { role: "user", content: "a failed one" });
    await addMessage(chat, c1, { role: "assistant", content: "", errorCode: "provider_timeout" });

    const list = await listConversations(me, bot.id);
    expect(list.items).toMatchObject([{ id: c1, firstMessage: "first question", messageCount: 4, source: "playground" }]);
    // Failed replies are not context for the next one.
    expect((await conversationHistory(owner(me), chat, c1)).turns).toEqual([
      { role: "user", content: "first question" },
      { role: "assistant", content: "an answer" },
      { role: "user", content: "a failed one" },
    ]);
    expect((await getConversation(me, c1)).messages.at(-1)).toMatchObject({ errorCode: "provider_timeout" });
    const [exported] = await collect(await exportConversations(me, bot.id));
    expect(exported.messages.map((m) => m.content)).toEqual(["first question", "an answer", "a failed one", ""]);
  });

  it("offer the owner's latest playground conversation, and nothing of another channel's or another owner's", async () => {
    const me = await makeUser();
    const other = await makeUser();
    const bot = await createChatbot(me, botInput());
    const chat = await target(me, bot.id);
    expect(await latestPlaygroundConversation(me, bot.id)).toBeNull();
    const older = await startConversation(chat, "playground", hi);
    const newer = await startConversation(chat, "playground", hi);
    await db.conversation.update({ where: { id: older }, data: { updatedAt: new Date(Date.now() - 60_000) } });
    await startConversation(chat, "public", hi, { visitorId: "v".repeat(22) });
    expect(await latestPlaygroundConversation(me, bot.id)).toMatchObject({ id: newer });
    expect(await latestPlaygroundConversation(other, bot.id)).toBeNull();
  });

  it("export every conversation and message in order, batch after batch", async () => {
    const me = await makeUser();
    const bot = await createChatbot(me, botInput());
    const chat = await target(me, bot.id);
    const start = Date.now() - 3_600_000;
    const ids: string[] = [];
    for (let i = 0; i < 103; i++) {
      ids.push(await startConversation(chat, "playground", { role: "user", content: `q${i}` }));
      // Distinct start times, so the expected order does not hang on ids made in the same millisecond.
      await db.conversation.update({ where: { id: ids[i] }, data: { startedAt: new Date(start + i) } });
    }
    // One long conversation: its batch of conversations is then read conversation by conversation,
    // in batches of messages; the last batch of conversations is read in one go.
    await db.message.createMany({
      data: Array.from({ length: 5004 }, (_, i) => ({ conversationId: ids[5], chatbotId: bot.id, role: "assistant", content: `a${i}`, createdAt: new Date(start + i * 1000) })),
    });
    await db.message.updateMany({ where: { conversationId: ids[5], content: "q5" }, data: { createdAt: new Date(start - 1000) } });
    const exported = await collect(await exportConversations(me, bot.id));
    expect(exported.map((c) => c.id)).toEqual(ids);
    const long = exported[5].messages.map((m) => m.content);
    expect(long).toHaveLength(5005);
    expect(long.slice(0, 3)).toEqual(["q5", "a0", "a1"]);
    expect(long.at(-1)).toBe("a5003");
    expect(exported.at(-1)!.messages.map((m) => m.content)).toEqual(["q102"]);
  });

  it("give the model a bounded window of the latest messages", async () => {
    const me = await makeUser();
    const chat = await target(me, (await createChatbot(me, botInput())).id);
    const c = await startConversation(chat, "playground", { role: "user", content: "m0" });
    for (let i = 1; i < HISTORY_WINDOW + 5; i++) await addMessage(chat, c, { role: i % 2 ? "assistant" : "user", content: `m${i}` });
    const history = (await conversationHistory(owner(me), chat, c)).turns;
    expect(history).toHaveLength(HISTORY_WINDOW);
    expect(history.at(-1)?.content).toBe(`m${HISTORY_WINDOW + 4}`);
  });

  it("are the bot owner's only, and deleting is one or all", async () => {
    const me = await makeUser();
    const other = await makeUser();
    const bot = await createChatbot(me, botInput());
    const otherBot = await createChatbot(other, botInput());
    const chat = await target(me, bot.id);
    const c1 = await startConversation(chat, "playground", { role: "user", content: "private" });
    const c2 = await startConversation(chat, "playground", hi);

    // Another user cannot chat with the bot, nor go on with its conversation through their own bot.
    expect(await findBotForChat(owner(other), bot.id)).toBeNull();
    const theirs: ChatTarget = await target(other, otherBot.id);
    expect(await code(conversationHistory(owner(other), theirs, c1))).toBe("not_found");
    expect(await code(addMessage(theirs, c1, { role: "user", content: "injected" }))).not.toBe("resolved");
    // Visitors and keys reach nothing that their scope does not name.
    expect(await findBotForChat({ kind: "visitor", visitorId: "v1", channel: "page", ip: null }, bot.id)).toBeNull();
    // A key names a bot by its public id, and reaches it only with the bot's API switched on.
    const { publicId } = await db.chatbot.findUniqueOrThrow({ where: { id: bot.id }, select: { publicId: true } });
    const key = (ownerId: string, botIds: string[] | null) => ({ kind: "apiKey" as const, keyId: "k", ownerId, botIds });
    expect(await findBotForChat(key(me.id, null), publicId)).toBeNull();
    await db.chatbot.update({ where: { id: bot.id }, data: { apiEnabled: true } });
    expect(await findBotForChat(key(me.id, null), publicId)).toMatchObject({ id: bot.id });
    expect(await findBotForChat(key(me.id, null), bot.id)).toBeNull();
    expect(await findBotForChat(key(other.id, null), publicId)).toBeNull();
    expect(await findBotForChat(key(me.id, [otherBot.id]), publicId)).toBeNull();
    expect(await findBotForChat(key(me.id, [bot.id]), publicId)).toMatchObject({ id: bot.id });

    expect(await code(getConversation(other, c1))).toBe("not_found");
    expect(await code(listConversations(other, bot.id))).toBe("not_found");
    expect(await code(exportConversations(other, bot.id))).toBe("not_found");
    expect(await code(deleteConversation(other, c1))).toBe("not_found");
    expect(await code(deleteAllConversations(other, bot.id))).toBe("not_found");
    expect((await getConversation(me, c1)).messages.map((m) => m.content)).toEqual(["private"]);

    await deleteConversation(me, c2);
    expect((await listConversations(me, bot.id)).total).toBe(1);
    expect(await deleteAllConversations(me, bot.id)).toBe(1);
    expect((await listConversations(me, bot.id)).total).toBe(0);
  });
});
