"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withIds, withUser } from "@/lib/actions/action";
import { replacePublicId, updateChannels } from "@/lib/db/channels";
import { chatbotIdSchema } from "@/lib/validation/chatbot";
import { channelsFields, withChannelRules } from "@/lib/validation/channels";

// Bound to their bot by the client: `saveChannelsAction.bind(null, botId)`.
const ofBot = z.object({ botId: chatbotIdSchema });
const refresh = (botId: string) => revalidatePath(`/chatbots/${botId}/channels`);

export async function saveChannelsAction(botId: unknown, input: unknown) {
  const result = await withUser(withChannelRules(channelsFields.extend(ofBot.shape)), withIds({ botId }, input), async ({ botId, ...channels }, user) => {
    await updateChannels(user, botId, channels);
    return { botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}

/** "New link": the bot's public id replaced; the old link and widget code stop working. */
export async function newLinkAction(botId: unknown) {
  const result = await withUser(ofBot, withIds({ botId }), async ({ botId }, user) => {
    await replacePublicId(user, botId);
    return { botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}
