"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withUser, type ActionResult } from "@/lib/actions/action";
import { endSessionById } from "@/lib/db/sessions";
import { confirmTwoFactorSetup, disableTwoFactor, regenerateRecoveryCodes, startTwoFactorSetup } from "@/lib/db/two-factor";
import { AppError } from "@/lib/errors";
import { recordPasswordChangeSuccess, releasePasswordChange, reservePasswordChange } from "@/lib/security/limits";
import { sessionIdSchema, twoFactorCodeSchema, twoFactorOffSchema } from "@/lib/validation/two-factor";

// /profile/security. Each action checks the session (withUser) and acts on the signed-in account only.

/**
 * A check of something only the account's owner knows (a code, the password) from a signed-in
 * session: on the password-change budget, so a stolen session cannot guess on.
 */
async function limited<T>(userId: string, check: () => Promise<T>): Promise<T> {
  const retryAfter = await reservePasswordChange(userId);
  if (retryAfter) throw new AppError("rate_limited", undefined, retryAfter);
  try {
    const result = await check();
    await recordPasswordChangeSuccess(userId);
    return result;
  } catch (error) {
    // A refused code or password is a guess and stays counted; anything else is given back.
    if (!(error instanceof AppError && error.code === "invalid_data")) await releasePasswordChange(userId);
    throw error;
  }
}

/** Starts setting up an authenticator app: a new secret, shown on the page until it is confirmed. */
export async function startTwoFactorAction(): Promise<ActionResult<void>> {
  const result = await withUser(z.object({}), {}, async (_, user) => void (await startTwoFactorSetup(user)));
  if (result.ok) revalidatePath("/profile/security");
  return result;
}

/** Confirms the app with a code from it: two-factor sign-in is on. The recovery codes, shown this once. */
export async function confirmTwoFactorAction(input: unknown): Promise<ActionResult<{ codes: string[] }>> {
  // No revalidation here: the page shows the codes until the user says they are saved, then refreshes.
  return withUser(twoFactorCodeSchema, input, async (data, user) => ({ codes: await limited(user.id, () => confirmTwoFactorSetup(user, data.code)) }));
}

/** New recovery codes for a current code from the app; the old ones stop working. Shown this once. */
export async function regenerateRecoveryCodesAction(input: unknown): Promise<ActionResult<{ codes: string[] }>> {
  return withUser(twoFactorCodeSchema, input, async (data, user) => ({ codes: await limited(user.id, () => regenerateRecoveryCodes(user, data.code)) }));
}

/** Switches two-factor sign-in off, with the password and a code. */
export async function disableTwoFactorAction(input: unknown): Promise<ActionResult<void>> {
  const result = await withUser(twoFactorOffSchema, input, async (data, user) => void (await limited(user.id, () => disableTwoFactor(user, data.password, data.code))));
  if (result.ok) revalidatePath("/profile/security");
  return result;
}

/** Signs out one of the account's sessions (another browser, a lost phone). */
export async function endSessionAction(input: unknown): Promise<ActionResult<void>> {
  const result = await withUser(sessionIdSchema, input, async (data, user) => void (await endSessionById(user, data.sessionId)));
  if (result.ok) revalidatePath("/profile/security");
  return result;
}
