import { z } from "zod";
import { checkbox, email, newPassword, optionalText } from "./fields";

export const registerSchema = z
  .object({
    username: z
      .string("required")
      .trim()
      .toLowerCase()
      .min(1, "required")
      .max(32, "too_long")
      .regex(/^[a-z0-9][a-z0-9._-]{2,}$/, "username_invalid"),
    email,
    password: newPassword,
    confirmPassword: z.string("required").min(1, "required"),
    firstName: optionalText(100),
    lastName: optionalText(100),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "password_mismatch" });

export type RegisterInput = z.input<typeof registerSchema>;

export const loginSchema = z.object({
  identifier: z.string("required").trim().toLowerCase().min(1, "required").max(254, "too_long"),
  password: z.string("required").min(1, "required").max(1024, "too_long"),
  remember: checkbox,
});

export type LoginInput = z.input<typeof loginSchema>;

export const forgotPasswordSchema = z.object({ email });

export type ForgotPasswordInput = z.input<typeof forgotPasswordSchema>;

/** A mailed link's token as the page passes it on (lib/db/account-tokens.ts checks its shape and value). */
export const linkToken = z.string("reset_link_invalid").min(1, "reset_link_invalid").max(128, "reset_link_invalid");

export const resetPasswordSchema = z
  .object({
    token: linkToken,
    newPassword,
    confirmNewPassword: z.string("required").min(1, "required"),
  })
  .refine((v) => v.newPassword === v.confirmNewPassword, { path: ["confirmNewPassword"], message: "password_mismatch" });

export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;

export const verifyEmailSchema = z.object({ token: linkToken });
/** The second step of a login (/login/verify): an authenticator code or a recovery code. */
export const loginCodeSchema = z.object({
  code: z.string("required").trim().min(1, "required").max(64, "too_long"),
  rememberBrowser: checkbox,
});

export type LoginCodeInput = z.input<typeof loginCodeSchema>;
