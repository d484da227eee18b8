"use server";

import { cookies, headers } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, signOut } from "@/lib/auth/auth";
import { makeSessionCookieBrowserScoped } from "@/lib/auth/cookies";
import { loginWait, pendingLoginOf, secondStepWait } from "@/lib/auth/login";
import { passwordChecksWait } from "@/lib/auth/password";
import { clientIp } from "@/lib/security/ip";
import { takePasswordResetRequest, takeAccountLinkSubmit, takeRegistration } from "@/lib/security/limits";
import { failureOf, parseInput, type ActionResult } from "@/lib/actions/action";
import { resetPasswordWithToken } from "@/lib/db/account-tokens";
import { audit } from "@/lib/db/audit";
import { createUser, findUserForLogin } from "@/lib/db/users";
import { queueMail, queueSecurityNotice } from "@/lib/mail";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from "@/lib/i18n/locales";
import { forgotPasswordSchema, loginCodeSchema, loginSchema, registerSchema, resetPasswordSchema } from "@/lib/validation/auth";

const LOCALE_COOKIE_OPTIONS = { path: "/", sameSite: "lax", maxAge: 365 * 24 * 60 * 60 } as const;

/** What a login's first step leads to: the dashboard, or /login/verify for the second factor. */
export type LoginStep = { verify: boolean };

/** Signs in through Auth.js; the session cookie lives for the browser session unless `remember`. */
async function startSession(identifier: string, password: string, remember: boolean): Promise<ActionResult<LoginStep>> {
  try {
    await signIn("credentials", { identifier, password, remember: String(remember), redirect: false });
  } catch (error) {
    // Only Auth.js's own errors are answers; anything else (Next's redirect included) goes on up.
    if (!(error instanceof AuthError)) throw error;
    const code = error instanceof CredentialsSignin ? error.code : "";
    // The password was right and a code is owed: no session yet, a pending login in its cookie.
    if (code === "two_factor_required") return { ok: true, data: { verify: true } };
    if (code === "rate_limited") return { ok: false, code, retryAfter: Math.max(1, await loginWait(identifier, await headers())) };
    if (code === "server_busy") return { ok: false, code, retryAfter: passwordChecksWait() };
    return { ok: false, code: code === "account_inactive" ? "account_inactive" : "invalid_credentials" };
  }
  if (!remember) await makeSessionCookieBrowserScoped();
  return { ok: true, data: { verify: false } };
}

/** The language saved on the profile follows the user to this browser. */
async function applyProfileLocale(locale: string | undefined) {
  if (isLocale(locale)) (await cookies()).set(LOCALE_COOKIE, locale, LOCALE_COOKIE_OPTIONS);
}

export async function loginAction(input: unknown): Promise<ActionResult<LoginStep>> {
  const parsed = parseInput(loginSchema, input);
  if (!parsed.ok) return parsed;
  const { identifier, password, remember } = parsed.data;
  const retryAfter = await loginWait(identifier, await headers());
  if (retryAfter) return { ok: false, code: "rate_limited", retryAfter };
  const result = await startSession(identifier, password, remember);
  if (result.ok && !result.data.verify) await applyProfileLocale((await findUserForLogin(identifier))?.locale);
  return result;
}

/**
 * The second step of a login with two-factor sign-in (/login/verify): the code, checked by Auth.js's
 * authorize against the pending login in this browser's cookie. Only then is a session made.
 */
export async function verifyLoginAction(input: unknown): Promise<ActionResult> {
  const parsed = parseInput(loginCodeSchema, input);
  if (!parsed.ok) return parsed;
  const requestHeaders = await headers();
  const pending = await pendingLoginOf(requestHeaders);
  if (!pending) return { ok: false, code: "login_expired" };
  const retryAfter = await secondStepWait(pending.user, requestHeaders);
  if (retryAfter) return { ok: false, code: "rate_limited", retryAfter };
  try {
    await signIn("credentials", { code: parsed.data.code, rememberBrowser: String(parsed.data.rememberBrowser), redirect: false });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    const code = error instanceof CredentialsSignin ? error.code : "";
    if (code === "rate_limited") return { ok: false, code, retryAfter: Math.max(1, await secondStepWait(pending.user, requestHeaders)) };
    if (code === "two_factor_code_invalid") return { ok: false, code };
    return { ok: false, code: code === "account_inactive" ? "account_inactive" : "login_expired" };
  }
  if (!pending.remember) await makeSessionCookieBrowserScoped();
  await applyProfileLocale(pending.user.locale);
  return { ok: true, data: undefined };
}

export async function registerAction(input: unknown): Promise<ActionResult> {
  const parsed = parseInput(registerSchema, input);
  if (!parsed.ok) return parsed;
  // Counted per attempt that reaches the database, so probing for taken names is limited too.
  const retryAfter = await takeRegistration(clientIp(await headers()));
  if (retryAfter) return { ok: false, code: "too_many_requests", retryAfter };
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  try {
    const user = await createUser({ ...parsed.data, locale: isLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE });
    await queueMail({ kind: "email_verify", userId: user.id });
  } catch (error) {
    return failureOf(error);
  }
  // A new account is signed in straight away, for this browser session.
  const result = await startSession(parsed.data.username, parsed.data.password, false);
  return result.ok ? { ok: true, data: undefined } : result;
}

export async function logoutAction() {
  await signOut({ redirectTo: "/login" });
}

/**
 * "Forgot password?": the same answer, after the same work, whether an account has the address
 * or not. The request only counts the limits and queues a mail job naming the address; the job
 * looks the account up, makes the link and sends it (lib/mail/kinds.ts), after the response.
 */
export async function forgotPasswordAction(input: unknown): Promise<ActionResult> {
  const parsed = parseInput(forgotPasswordSchema, input);
  if (!parsed.ok) return parsed;
  const { email } = parsed.data;
  const retryAfter = await takePasswordResetRequest(email, clientIp(await headers()));
  if (retryAfter) {
    await audit({ action: "password_reset_limited", actorName: email });
    return { ok: false, code: "too_many_requests", retryAfter };
  }
  await audit({ action: "password_reset_requested", actorName: email });
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  await queueMail({ kind: "password_reset", to: email, locale: isLocale(cookieLocale) ? cookieLocale : undefined });
  return { ok: true, data: undefined };
}

/** A new password through a reset link: every session of the account ends; the user logs in again. */
export async function resetPasswordAction(input: unknown): Promise<ActionResult> {
  const parsed = parseInput(resetPasswordSchema, input);
  if (!parsed.ok) return parsed;
  const retryAfter = await takeAccountLinkSubmit(clientIp(await headers()));
  if (retryAfter) return { ok: false, code: "too_many_requests", retryAfter };
  try {
    const { userId } = await resetPasswordWithToken(parsed.data.token, parsed.data.newPassword);
    await queueSecurityNotice(userId, "password_reset");
  } catch (error) {
    return failureOf(error);
  }
  return { ok: true, data: undefined };
}
