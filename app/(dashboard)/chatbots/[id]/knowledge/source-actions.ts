"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withIds, withUser } from "@/lib/actions/action";
import { addSiteSource, addTextSource, addUrlSource, deleteSource, reindexSource, setSyncSchedule } from "@/lib/db/knowledge-sources";
import { chatbotIdSchema } from "@/lib/validation/chatbot";
import { id } from "@/lib/validation/fields";
import { siteSourceSchema, syncScheduleSchema, textSourceSchema, urlSourceSchema } from "@/lib/validation/knowledge-sources";

// The Knowledge tab's web, text and source-row actions, each bound to its bot (and source) by the
// client: `addUrlSourceAction.bind(null, botId)`. Files come through the upload route instead
// (app/api/chatbots/[id]/knowledge/files), which streams and caps their bytes.
const ofBot = z.object({ botId: chatbotIdSchema });
const ofSource = ofBot.extend({ id });
// Every sources section lists sources and the files section the bytes used: all of them are stale.
const refresh = (botId: string) => {
  for (const section of ["files", "web", "text"]) revalidatePath(`/chatbots/${botId}/knowledge/${section}`);
};

export async function addUrlSourceAction(botId: unknown, input: unknown) {
  const result = await withUser(urlSourceSchema.extend(ofBot.shape), withIds({ botId }, input), async ({ botId, url }, user) => {
    await addUrlSource(user, botId, url);
    return { botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}

export async function addSiteSourceAction(botId: unknown, input: unknown) {
  const result = await withUser(siteSourceSchema.extend(ofBot.shape), withIds({ botId }, input), async ({ botId, ...site }, user) => {
    await addSiteSource(user, botId, site);
    return { botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}

export async function addTextSourceAction(botId: unknown, input: unknown) {
  const result = await withUser(textSourceSchema.extend(ofBot.shape), withIds({ botId }, input), async ({ botId, ...text }, user) => {
    await addTextSource(user, botId, text);
    return { botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}

export async function deleteSourceAction(botId: unknown, sourceId: unknown) {
  const result = await withUser(ofSource, withIds({ botId, id: sourceId }), async ({ id }, user) => deleteSource(user, id));
  if (result.ok) refresh(result.data.chatbotId);
  return result;
}

export async function reindexSourceAction(botId: unknown, sourceId: unknown) {
  const result = await withUser(ofSource, withIds({ botId, id: sourceId }), async ({ id }, user) => reindexSource(user, id));
  if (result.ok) refresh(result.data.chatbotId);
  return result;
}

export async function setSyncScheduleAction(botId: unknown, sourceId: unknown, input: unknown) {
  const result = await withUser(syncScheduleSchema.extend(ofSource.shape), withIds({ botId, id: sourceId }, input), async ({ id, schedule }, user) => setSyncSchedule(user, id, schedule));
  if (result.ok) refresh(result.data.chatbotId);
  return result;
}
