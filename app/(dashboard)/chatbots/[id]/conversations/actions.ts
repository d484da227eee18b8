"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withIds, withUser } from "@/lib/actions/action";
import { deleteAllConversations, deleteConversation } from "@/lib/db/conversations";
import { chatbotIdSchema } from "@/lib/validation/chatbot";
import { id } from "@/lib/validation/fields";

// Bound by the client: `deleteConversationAction.bind(null, botId, conversationId)`.
const ofBot = z.object({ botId: chatbotIdSchema });
const refresh = (botId: string) => revalidatePath(`/chatbots/${botId}/conversations`, "layout");

export async function deleteConversationAction(botId: unknown, conversationId: unknown) {
  const result = await withUser(ofBot.extend({ conversationId: id }), withIds({ botId, conversationId }), async (data, user) => {
    await deleteConversation(user, data.conversationId);
    return { botId: data.botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}

export async function deleteAllConversationsAction(botId: unknown) {
  const result = await withUser(ofBot, withIds({ botId }), async (data, user) => {
    await deleteAllConversations(user, data.botId);
    return { botId: data.botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}
