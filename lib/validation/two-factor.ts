import { z } from "zod";

const code = z.string("required").trim().min(1, "required").max(64, "too_long");

/** Confirming the authenticator app being set up, or asking for new recovery codes: a code from the app. */
export const twoFactorCodeSchema = z.object({ code });

export type TwoFactorCodeInput = z.input<typeof twoFactorCodeSchema>;

/** Switching two-factor sign-in off: the password and a code (the app's or a recovery code). */
export const twoFactorOffSchema = z.object({
  password: z.string("required").min(1, "required").max(1024, "too_long"),
  code,
});

export type TwoFactorOffInput = z.input<typeof twoFactorOffSchema>;

/** One session of the account, by the id the sessions list shows (never the session's token). */
export const sessionIdSchema = z.object({ sessionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid_data") });
