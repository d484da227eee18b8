import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { botInput, makeUser } from "@/lib/testing/factories";
import { createChatbot } from "./chatbots";
import {
  HISTORY_WINDOW,
  addMessage,
  deleteAllConversations,
  deleteConversation,
  exportConversations,
  getConversation,
  listConversations,
  messagesLastWeek,
  openConversation,
  recentHistory,
} from "./conversations";

const code = (p: Promise<unknown>) => p.then(() => "resolved", (e) => (e instanceof AppError ? e.code : String(e)));

describe("conversations", () => {
  it("keep every exchange, list by first message, and count this week's messages per bot", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    const c1 = await openConversation(owner, bot.id, null);
    await addMessage(owner, c1, { role: "user", content: "first question" });
    await addMessage(owner, c1, { role: "assistant", content: "an answer", provider: "builtin", latencyMs: 3 });
    await addMessage(owner, c1, { role: "user", content: "a failed one" });
    await addMessage(owner, c1, { role: "assistant", content: "", errorCode: "provider_timeout" });
    expect(await openConversation(owner, bot.id, c1)).toBe(c1);

    const list = await listConversations(owner, bot.id);
    expect(list.items).toMatchObject([{ id: c1, firstMessage: "first question", messageCount: 4, source: "playground" }]);
    // Failed replies are not context for the next one.
    expect(await recentHistory(owner, c1)).toEqual([
      { role: "user", content: "first question" },
      { role: "assistant", content: "an answer" },
      { role: "user", content: "a failed one" },
    ]);
    expect((await getConversation(owner, c1)).messages.at(-1)).toMatchObject({ errorCode: "provider_timeout" });
    expect(await messagesLastWeek(owner)).toEqual({ [bot.id]: 4 });
    expect((await exportConversations(owner, bot.id))[0].messages).toHaveLength(4);
  });

  it("give the model a bounded window of the latest messages", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    const c = await openConversation(owner, bot.id, null);
    for (let i = 0; i < HISTORY_WINDOW + 5; i++) await addMessage(owner, c, { role: i % 2 ? "assistant" : "user", content: `m${i}` });
    const history = await recentHistory(owner, c);
    expect(history).toHaveLength(HISTORY_WINDOW);
    expect(history.at(-1)?.content).toBe(`m${HISTORY_WINDOW + 4}`);
  });

  it("are the bot owner's only, and deleting is one or all", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const bot = await createChatbot(owner, botInput());
    const otherBot = await createChatbot(other, botInput());
    const c1 = await openConversation(owner, bot.id, null);
    const c2 = await openConversation(owner, bot.id, null);
    await addMessage(owner, c1, { role: "user", content: "private" });

    expect(await code(openConversation(other, bot.id, null))).toBe("not_found");
    expect(await code(openConversation(other, otherBot.id, c1))).toBe("not_found");
    expect(await code(getConversation(other, c1))).toBe("not_found");
    expect(await code(addMessage(other, c1, { role: "user", content: "injected" }))).toBe("not_found");
    expect(await code(recentHistory(other, c1))).toBe("resolved");
    expect(await recentHistory(other, c1)).toEqual([]);
    expect(await code(listConversations(other, bot.id))).toBe("not_found");
    expect(await code(exportConversations(other, bot.id))).toBe("not_found");
    expect(await code(deleteConversation(other, c1))).toBe("not_found");
    expect(await code(deleteAllConversations(other, bot.id))).toBe("not_found");
    expect(await messagesLastWeek(other)).toEqual({});

    await deleteConversation(owner, c2);
    expect((await listConversations(owner, bot.id)).total).toBe(1);
    expect(await deleteAllConversations(owner, bot.id)).toBe(1);
    expect((await listConversations(owner, bot.id)).total).toBe(0);
  });
});
