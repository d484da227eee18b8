"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withUser, type ActionResult } from "@/lib/actions/action";
import { signIn, signOut } from "@/lib/auth/auth";
import { makeSessionCookieBrowserScoped } from "@/lib/auth/cookies";
import { issueSignedInProof } from "@/lib/auth/second-factor-cookies";
import { audit } from "@/lib/db/audit";
import { endAllSessions } from "@/lib/db/sessions";
import { changePassword, getProfile, updateProfile } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { queueMail, queueSecurityNotice } from "@/lib/mail";
import { recordPasswordChangeSuccess, releasePasswordChange, reservePasswordChange, takeVerificationMail } from "@/lib/security/limits";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { passwordChangeSchema, profileSchema } from "@/lib/validation/profile";

export async function updateProfileAction(input: unknown) {
  const result = await withUser(profileSchema, input, async (data, user) => {
    const profile = await updateProfile(user, data);
    (await cookies()).set(LOCALE_COOKIE, profile.locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 60 * 60 });
    if (profile.emailChange) {
      // The link goes to the new address; the old one is told a change was asked for.
      await queueMail({ kind: "email_verify", userId: user.id });
      if (profile.emailChange === "pending") await queueSecurityNotice(user.id, "email_change_requested");
    }
    return { emailChange: profile.emailChange };
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

/**
 * Changes the password. Wrong current passwords are limited and audited like failed logins, so a
 * stolen session cannot be used to guess the plaintext for reuse elsewhere.
 */
export async function changePasswordAction(input: unknown): Promise<ActionResult> {
  return withUser(passwordChangeSchema, input, async (data, user) => {
    // Taken before the current password is checked, so a burst gets no extra checks.
    const retryAfter = await reservePasswordChange(user.id);
    if (retryAfter) {
      await audit({ action: "password_change_limited", actorId: user.id });
      throw new AppError("rate_limited", undefined, retryAfter);
    }
    let sessionVersion: number;
    try {
      sessionVersion = await changePassword(user, data.currentPassword, data.newPassword);
    } catch (error) {
      if (error instanceof AppError && error.fieldErrors?.currentPassword === "password_incorrect") {
        await audit({ action: "password_change_failed", actorId: user.id });
      } else {
        await releasePasswordChange(user.id); // not a guess: the check did not happen or the change failed after it
      }
      throw error;
    }
    await recordPasswordChangeSuccess(user.id);
    await queueSecurityNotice(user.id, "password_changed");
    // Every session, this one included, ended with the old version: this browser gets a fresh one.
    const { username } = await getProfile(user);
    // Already signed in with both factors: the fresh session asks for no code (the proof never leaves the server).
    const signedInProof = issueSignedInProof({ id: user.id, sessionVersion });
    await signIn("credentials", { identifier: username, password: data.newPassword, remember: String(user.remember), signedInProof, redirect: false });
    if (!user.remember) await makeSessionCookieBrowserScoped();
    return undefined;
  });
}

/** Signs the account out on every device, this browser included. */
export async function signOutEverywhereAction() {
  const result = await withUser(z.object({}), {}, (_, user) => endAllSessions(user));
  if (!result.ok) return result;
  await signOut({ redirectTo: "/login" });
}

/** Mails the verification link again (to the address waiting for it, or the unverified one); limited per user. */
export async function resendVerificationAction(): Promise<ActionResult> {
  return withUser(z.object({}), {}, async (_, user) => {
    const retryAfter = await takeVerificationMail(user.id);
    if (retryAfter) throw new AppError("too_many_requests", undefined, retryAfter);
    await queueMail({ kind: "email_verify", userId: user.id });
    return undefined;
  });
}
