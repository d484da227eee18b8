"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withOptionalUser, type ActionResult } from "@/lib/actions/action";
import { setLocale } from "@/lib/db/users";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { locale } from "@/lib/validation/fields";

/** Anyone may choose a language; a signed-in user's choice is also kept on their profile. */
export async function setLocaleAction(value: unknown): Promise<ActionResult> {
  const result = await withOptionalUser(z.object({ locale }), { locale: value }, async (data, user) => {
    (await cookies()).set(LOCALE_COOKIE, data.locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 60 * 60 });
    if (user) await setLocale(user, data.locale);
  });
  if (!result.ok) return result.fieldErrors?.locale ? { ok: false, code: "locale_invalid" } : result;
  revalidatePath("/", "layout");
  return { ok: true, data: undefined };
}
