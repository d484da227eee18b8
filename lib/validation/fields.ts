import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { COMMON_PASSWORDS } from "./common-passwords";
import { PASSWORD_MAX, PASSWORD_MIN } from "./limits";

// Building blocks shared by the form schemas. Messages are error codes (lib/errors.ts).
export { PASSWORD_MAX, PASSWORD_MIN };

/** Characters as a person counts them: an emoji is one, not two UTF-16 units. */
const length = (value: string) => [...value].length;

export const requiredText = (max: number) =>
  z.string("required").trim().min(1, "required").max(max, "too_long");

export const optionalText = (max: number) => z.string().trim().max(max, "too_long").default("");

/** A checkbox as a form posts it ("on") or as a client form sends it (true); absent is off. */
export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const email = z.string("required").trim().toLowerCase().min(1, "required").max(254, "too_long").pipe(z.email("email_invalid"));

export const newPassword = z
  .string("required")
  .refine((v) => length(v) >= PASSWORD_MIN, "password_too_short")
  .refine((v) => length(v) <= PASSWORD_MAX, "password_too_long")
  .refine((v) => !COMMON_PASSWORDS.has(v.toLowerCase()), "password_common");

export const locale = z.enum(LOCALES, "locale_invalid");

/** A row's id as an action receives it (bound by the client with `action.bind(null, id)`). */
export const id = z.string("invalid_data").min(1, "invalid_data").max(64, "invalid_data");
