"use server";

import { revalidatePath } from "next/cache";
import { withIds, withUser } from "@/lib/actions/action";
import { addUnansweredAsAlternative, answerUnanswered, markReviewed } from "@/lib/db/feedback";
import { dismissUnansweredSchema, unansweredToAlternativeSchema, unansweredToEntrySchema } from "@/lib/validation/feedback";

// Bound by the client to the bot and the group's replies: `answerAction.bind(null, botId, messageIds)`.

function refresh(botId: string) {
  revalidatePath(`/chatbots/${botId}/unanswered`);
  revalidatePath(`/chatbots/${botId}/knowledge`);
}

/** "Add to Q&A": a new entry from the question; the group leaves the list. */
export async function answerAction(botId: unknown, messageIds: unknown, input: unknown) {
  const result = await withUser(unansweredToEntrySchema, withIds({ botId, messageIds }, input), async ({ botId, messageIds, question, answer }, user) => {
    await answerUnanswered(user, botId, messageIds, { question, answer });
    return botId;
  });
  if (!result.ok) return result;
  refresh(result.data);
  return { ok: true as const, data: undefined };
}

/** "Add as another phrasing": the question joins an existing entry's alternatives; the group leaves the list. */
export async function alternativeAction(botId: unknown, messageIds: unknown, input: unknown) {
  const result = await withUser(unansweredToAlternativeSchema, withIds({ botId, messageIds }, input), async ({ botId, messageIds, entryId, question }, user) => {
    await addUnansweredAsAlternative(user, botId, messageIds, entryId, question);
    return botId;
  });
  if (!result.ok) return result;
  refresh(result.data);
  return { ok: true as const, data: undefined };
}

/** "Dismiss": off the list, nothing added. */
export async function dismissAction(botId: unknown, messageIds: unknown) {
  const result = await withUser(dismissUnansweredSchema, withIds({ botId, messageIds }), async ({ botId, messageIds }, user) => {
    await markReviewed(user, botId, messageIds);
    return botId;
  });
  if (!result.ok) return result;
  refresh(result.data);
  return { ok: true as const, data: undefined };
}
