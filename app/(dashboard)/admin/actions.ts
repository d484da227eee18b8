"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withIds, withUser } from "@/lib/actions/action";
import { sendResetLinkByAdmin, setBotActiveByAdmin, setUserActive, setUserRole } from "@/lib/db/admin";
import { resetTwoFactorByAdmin } from "@/lib/db/two-factor";
import { checkbox, id } from "@/lib/validation/fields";

// Bound by the client to the account or bot: `setUserActiveAction.bind(null, userId)`.
// Each data function checks that the acting user is an admin right now.

export async function setUserActiveAction(userId: unknown, input: unknown) {
  const result = await withUser(z.object({ userId: id, isActive: checkbox }), withIds({ userId }, input), (data, user) => setUserActive(user, data.userId, data.isActive));
  if (result.ok) revalidatePath("/admin");
  return result;
}

export async function setUserRoleAction(userId: unknown, input: unknown) {
  const schema = z.object({ userId: id, role: z.enum(["USER", "ADMIN"], "invalid_data") });
  const result = await withUser(schema, withIds({ userId }, input), (data, user) => setUserRole(user, data.userId, data.role));
  if (result.ok) revalidatePath("/admin");
  return result;
}

export async function setBotActiveAction(chatbotId: unknown, input: unknown) {
  const result = await withUser(z.object({ chatbotId: id, isActive: checkbox }), withIds({ chatbotId }, input), (data, user) => setBotActiveByAdmin(user, data.chatbotId, data.isActive));
  if (result.ok) revalidatePath("/admin/bots");
  return result;
}

/** Mails the user a password-reset link; the admin never sees it. */
export async function sendResetLinkAction(userId: unknown) {
  return withUser(z.object({ userId: id }), withIds({ userId }), (data, user) => sendResetLinkByAdmin(user, data.userId));
}

/** Switches a user's two-factor sign-in off (a lost phone and lost codes): audited, and the user is told. */
export async function resetTwoFactorAction(userId: unknown) {
  const result = await withUser(z.object({ userId: id }), withIds({ userId }), async (data, user) => void (await resetTwoFactorByAdmin(user, data.userId)));
  if (result.ok) revalidatePath("/admin");
  return result;
}
