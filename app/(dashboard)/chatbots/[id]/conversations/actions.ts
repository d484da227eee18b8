"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withUser } from "@/lib/actions/action";
import { deleteAllConversations, deleteConversation } from "@/lib/db/conversations";

const id = z.string().min(1).max(64);

export async function deleteConversationAction(botId: string, conversationId: string) {
  const result = await withUser(z.object({ conversationId: id }), { conversationId }, (data, user) => deleteConversation(user, data.conversationId));
  if (result.ok) revalidatePath(`/chatbots/${botId}/conversations`);
  return result;
}

export async function deleteAllConversationsAction(botId: string) {
  const result = await withUser(z.object({ botId: id }), { botId }, (data, user) => deleteAllConversations(user, data.botId));
  if (result.ok) revalidatePath(`/chatbots/${botId}/conversations`);
  return result;
}
