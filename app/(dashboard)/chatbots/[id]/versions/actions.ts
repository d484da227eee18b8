"use server";

import { revalidatePath } from "next/cache";
import { withIds, withUser } from "@/lib/actions/action";
import { newlyFailing } from "@/lib/db/bot-tests";
import { publishDraft, restoreVersion } from "@/lib/db/versions";
import { publishSchema, restoreSchema } from "@/lib/validation/versions";

// Bound by the client: `publishAction.bind(null, botId)`, `restoreAction.bind(null, botId, number)`.

/** The header's "unpublished changes" and the versions list change with both. */
const refresh = (botId: string) => revalidatePath(`/chatbots/${botId}`, "layout");

/** Publishes the draft: the public page, the widget and the API answer with it from the next message on. */
export async function publishAction(botId: unknown, options: unknown = {}) {
  const result = await withUser(publishSchema, withIds({ botId }, options), async ({ botId, confirmRegressions }, user) => ({ botId, number: await publishDraft(user, botId, { confirmRegressions }) }));
  if (!result.ok) return result;
  refresh(result.data.botId);
  return { ok: true as const, data: { number: result.data.number } };
}

/** The saved tests that newly fail on the draft (the latest run of it): what Publish asks to confirm. */
export async function newlyFailingAction(botId: unknown) {
  return withUser(restoreSchema.pick({ botId: true }), withIds({ botId }), async ({ botId }, user) => (await newlyFailing(user, botId)).map((t) => t.question));
}

/** A new draft equal to an old version (written as a new version); what is published stays. */
export async function restoreAction(botId: unknown, number: unknown) {
  const result = await withUser(restoreSchema, withIds({ botId, number }), async ({ botId, number }, user) => ({ botId, number: await restoreVersion(user, botId, number) }));
  if (!result.ok) return result;
  refresh(result.data.botId);
  return { ok: true as const, data: { number: result.data.number } };
}
