import { z } from "zod";
import { email, locale, newPassword, optionalText } from "./fields";

export const profileSchema = z.object({
  firstName: optionalText(100),
  lastName: optionalText(100),
  email,
  locale,
});

export type ProfileInput = z.input<typeof profileSchema>;

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string("required").min(1, "required").max(1024, "too_long"),
    newPassword,
    confirmNewPassword: z.string("required").min(1, "required"),
  })
  .refine((v) => v.newPassword === v.confirmNewPassword, { path: ["confirmNewPassword"], message: "password_mismatch" });

export type PasswordChangeInput = z.input<typeof passwordChangeSchema>;
