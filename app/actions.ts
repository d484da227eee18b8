"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { getSessionUser } from "@/lib/auth/session";
import { failureOf, type ActionResult } from "@/lib/actions/action";
import { setLocale } from "@/lib/db/users";
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n/locales";

/** Anyone may choose a language; a signed-in user's choice is also kept on their profile. */
export async function setLocaleAction(locale: unknown): Promise<ActionResult> {
  if (!isLocale(locale)) return { ok: false, code: "locale_invalid" };
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 60 * 60 });
  const user = await getSessionUser();
  if (user) {
    try {
      await setLocale(user, locale);
    } catch (error) {
      return failureOf(error);
    }
  }
  revalidatePath("/", "layout");
  return { ok: true, data: undefined };
}
