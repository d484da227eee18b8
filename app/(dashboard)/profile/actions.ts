"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withUser } from "@/lib/actions/action";
import { signIn, signOut } from "@/lib/auth/auth";
import { makeSessionCookieBrowserScoped } from "@/lib/auth/cookies";
import { endAllSessions } from "@/lib/db/sessions";
import { changePassword, getProfile, updateProfile } from "@/lib/db/users";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { passwordChangeSchema, profileSchema } from "@/lib/validation/profile";

export async function updateProfileAction(input: unknown) {
  const result = await withUser(profileSchema, input, async (data, user) => {
    const profile = await updateProfile(user, data);
    (await cookies()).set(LOCALE_COOKIE, profile.locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 60 * 60 });
    return undefined;
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function changePasswordAction(input: unknown) {
  return withUser(passwordChangeSchema, input, async (data, user) => {
    await changePassword(user, data.currentPassword, data.newPassword);
    // Every session, this one included, ended with the old version: this browser gets a fresh one.
    const { username } = await getProfile(user);
    await signIn("credentials", { identifier: username, password: data.newPassword, remember: String(user.remember), redirect: false });
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
