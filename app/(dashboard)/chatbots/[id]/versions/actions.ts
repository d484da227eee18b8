"use server";

import { revalidatePath } from "next/cache";
import { withIds, withUser } from "@/lib/actions/action";
import { publishDraft, restoreVersion } from "@/lib/db/versions";
import { publishSchema, restoreSchema } from "@/lib/validation/versions";

// Bound by the client: `publishAction.bind(null, botId)`, `restoreAction.bind(null, botId, number)`.

/** The header's "unpublished changes" and the versions list change with both. */
const refresh = (botId: string) => revalidatePath(`/chatbots/${botId}`, "layout");

/** Publishes the draft: the public page, the widget and the API answer with it from the next message on. */
export async function publishAction(botId: unknown) {
  const result = await withUser(publishSchema, withIds({ botId }), async ({ botId }, user) => ({ botId, number: await publishDraft(user, botId) }));
  if (!result.ok) return result;
  refresh(result.data.botId);
  return { ok: true as const, data: { number: result.data.number } };
}

/** A new draft equal to an old version (written as a new version); what is published stays. */
export async function restoreAction(botId: unknown, number: unknown) {
  const result = await withUser(restoreSchema, withIds({ botId, number }), async ({ botId, number }, user) => ({ botId, number: await restoreVersion(user, botId, number) }));
  if (!result.ok) return result;
  refresh(result.data.botId);
  return { ok: true as const, data: { number: result.data.number } };
}
