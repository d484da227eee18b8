"use server";

import { revalidatePath } from "next/cache";
import { withIds, withUser } from "@/lib/actions/action";
import { addTest, deleteTest, updateTest } from "@/lib/db/bot-tests";
import { botTestIds, botTestSchema } from "@/lib/validation/bot-tests";

// Bound by the client: `addTestAction.bind(null, botId)`, `updateTestAction.bind(null, botId, testId)`.
const refresh = (botId: string) => revalidatePath(`/chatbots/${botId}/tests`);
const withBot = botTestSchema.and(botTestIds.pick({ botId: true }));
const withTest = botTestSchema.and(botTestIds);

/** Saves a test question (from the Tests tab, the playground or a conversation's transcript). */
export async function addTestAction(botId: unknown, input: unknown) {
  const result = await withUser(withBot, withIds({ botId }, input), async ({ botId, ...test }, user) => {
    await addTest(user, botId, test);
    return { botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}

export async function updateTestAction(botId: unknown, testId: unknown, input: unknown) {
  const result = await withUser(withTest, withIds({ botId, testId }, input), async ({ botId, testId, ...test }, user) => {
    await updateTest(user, botId, testId, test);
    return { botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}

export async function deleteTestAction(botId: unknown, testId: unknown) {
  const result = await withUser(botTestIds, withIds({ botId, testId }), async ({ botId, testId }, user) => {
    await deleteTest(user, botId, testId);
    return { botId };
  });
  if (result.ok) refresh(result.data.botId);
  return result;
}
