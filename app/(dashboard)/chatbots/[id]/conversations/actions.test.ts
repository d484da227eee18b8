import { beforeEach, describe, expect, it, vi } from "vitest";
import { createChatbot, findBotForChat } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { startConversation } from "@/lib/db/conversations";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { deleteAllConversationsAction, deleteConversationAction } from "./actions";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

async function botWithConversations(count: number) {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  const chat = (await findBotForChat({ kind: "owner", id: owner.id }, bot.id))!;
  const ids = [];
  for (let i = 0; i < count; i++) ids.push(await startConversation(chat, "playground", { role: "user", content: `hello ${i}` }));
  return { owner, bot, ids };
}
const remaining = (chatbotId: string) => db.conversation.count({ where: { chatbotId } });

describe("conversation actions", () => {
  beforeEach(() => actAs(null));

  it("delete one conversation, then all of the bot's", async () => {
    const { owner, bot, ids } = await botWithConversations(3);
    actAs(owner);
    expect(await deleteConversationAction(bot.id, ids[0])).toMatchObject({ ok: true });
    expect(await remaining(bot.id)).toBe(2);
    expect(await db.message.count({ where: { conversationId: ids[0] } })).toBe(0);
    expect(await deleteAllConversationsAction(bot.id)).toMatchObject({ ok: true });
    expect(await remaining(bot.id)).toBe(0);
  });

  it("delete nothing without a session or for another user", async () => {
    const { bot, ids } = await botWithConversations(2);
    expect(await deleteConversationAction(bot.id, ids[0])).toEqual({ ok: false, code: "unauthenticated" });
    expect(await deleteAllConversationsAction(bot.id)).toEqual({ ok: false, code: "unauthenticated" });
    actAs(await makeUser());
    expect(await deleteConversationAction(bot.id, ids[0])).toEqual({ ok: false, code: "not_found" });
    expect(await deleteAllConversationsAction(bot.id)).toEqual({ ok: false, code: "not_found" });
    expect(await remaining(bot.id)).toBe(2);
  });
});
