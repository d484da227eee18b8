"use server";

import { revalidatePath } from "next/cache";
import { withIds, withUser, type ActionResult } from "@/lib/actions/action";
import { reencodeAvatar } from "@/lib/chatbots/avatar-image";
import { requireOwnedChatbot, setChatbotAvatarImage } from "@/lib/db/chatbots";
import { AppError } from "@/lib/errors";
import { takeAvatarUpload } from "@/lib/security/limits";
import { avatarRemoveSchema, avatarUploadSchema } from "@/lib/validation/avatar";

// Both bound to their bot by the client: `uploadAvatarAction.bind(null, botId)`.

/** Everywhere the bot's face is drawn. */
function refresh(botId: string) {
  revalidatePath("/dashboard");
  revalidatePath("/chatbots");
  revalidatePath(`/chatbots/${botId}`, "layout");
}

/** The picture's problem as the answer's code, so the toast names it rather than "invalid data". */
const withImageCode = <T,>(result: ActionResult<T>): ActionResult<T> =>
  !result.ok && result.fieldErrors?.image ? { ...result, code: result.fieldErrors.image } : result;

/** A form with one `image` file: checked as the owner's bot before a pixel is decoded, re-encoded, stored. */
export async function uploadAvatarAction(botId: unknown, input: unknown): Promise<ActionResult<{ hash: string }>> {
  const result = await withUser(avatarUploadSchema, withIds({ botId }, input), async ({ botId, image }, user) => {
    await requireOwnedChatbot(user, botId);
    // Each upload is decoded and re-encoded: a user's uploads are limited per hour.
    const wait = await takeAvatarUpload(user.id);
    if (wait) throw new AppError("too_many_requests", undefined, wait);
    const avatar = await reencodeAvatar(new Uint8Array(await image.arrayBuffer()));
    await setChatbotAvatarImage(user, botId, avatar);
    return { botId, hash: avatar.hash };
  });
  if (!result.ok) return withImageCode(result);
  refresh(result.data.botId);
  return { ok: true, data: { hash: result.data.hash } };
}

export async function removeAvatarAction(botId: unknown): Promise<ActionResult> {
  const result = await withUser(avatarRemoveSchema, withIds({ botId }), async ({ botId }, user) => {
    await setChatbotAvatarImage(user, botId, null);
    return botId;
  });
  if (!result.ok) return result;
  refresh(result.data);
  return { ok: true, data: undefined };
}
