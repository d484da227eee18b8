import "server-only";
import { CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import { audit } from "@/lib/db/audit";
import { findUserForLogin } from "@/lib/db/users";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/security/ip";
import { loginRetryAfter, recordLoginSuccess, releaseLoginAttempt, reserveLoginAttempt, type LoginKeys } from "@/lib/security/limits";
import { consumePendingLogin, createPendingLogin, findPendingLogin, takeSecondFactor, twoFactorEnabledAt } from "@/lib/db/two-factor";
import { loginCodeSchema, loginSchema } from "@/lib/validation/auth";
import { deviceCookieFrom, deviceCookieOptions, issueDeviceCookie, trustedDevice } from "./device";
import { isPasswordChecksBusy, verifyPassword } from "./password";
import { PENDING_COOKIE, TRUSTED_BROWSER_COOKIE, TRUSTED_BROWSER_DAYS, cookieFrom, cookieOptions, isSignedInProof, isTrustedBrowser, issueTrustedBrowser } from "./second-factor-cookies";

export class InactiveAccount extends CredentialsSignin {
  code = "account_inactive";
}

export class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

export class ServerBusy extends CredentialsSignin {
  code = "server_busy";
}

/** The password was right; the account's second factor is owed at /login/verify. No session yet. */
export class TwoFactorRequired extends CredentialsSignin {
  code = "two_factor_required";
}

/** The second step without a live pending login (none, expired after 5 minutes, or already used). */
export class LoginExpired extends CredentialsSignin {
  code = "login_expired";
}

export class WrongCode extends CredentialsSignin {
  code = "two_factor_code_invalid";
}

/** The account an identifier names (username or email, any case) and whose budget a login from this request spends. */
async function resolveLogin(identifier: string, headers: Headers) {
  const user = await findUserForLogin(identifier);
  const keys: LoginKeys = {
    // The resolved account, so its username and its email share one budget.
    account: user ? `id:${user.id}` : `name:${identifier.trim().toLowerCase()}`,
    ip: clientIp(headers),
    device: trustedDevice(deviceCookieFrom(headers), user),
  };
  return { user, keys };
}

/** Seconds before a login with this identifier from this request may be tried, or 0. */
export async function loginWait(identifier: string, headers: Headers): Promise<number> {
  return loginRetryAfter((await resolveLogin(identifier, headers)).keys);
}

/**
 * Auth.js's `authorize` for credentials: the account, or null for a wrong identifier or password.
 * Two steps for an account with two-factor sign-in: the password (which starts a pending login and
 * throws TwoFactorRequired: no session), then a code with the pending login's cookie.
 */
export async function authorizeLogin(raw: unknown, request: Request) {
  if (raw && typeof raw === "object" && "code" in raw && !("password" in raw)) return authorizeSecondStep(raw, request);
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { identifier, password, remember } = parsed.data;
  const { user, keys } = await resolveLogin(identifier, request.headers);
  // Counted and limited before bcrypt runs, so a flood costs no hashing.
  if (await reserveLoginAttempt(keys)) {
    await audit({ action: "login_limited", actorId: user?.id, actorName: user?.username ?? identifier });
    throw new RateLimited();
  }
  let passwordOk: boolean;
  try {
    // Compared even when there is no such account, so both answers take the same time.
    passwordOk = await verifyPassword(password, user?.passwordHash);
  } catch (error) {
    if (!isPasswordChecksBusy(error)) throw error;
    await releaseLoginAttempt(keys);
    throw new ServerBusy();
  }
  if (!user || !passwordOk) {
    await audit({ action: "login_failed", actorId: user?.id, actorName: user?.username ?? identifier });
    return null;
  }
  const enabledAt = await twoFactorEnabledAt(user.id);
  const trusted = !!enabledAt && isTrustedBrowser(cookieFrom(request.headers, TRUSTED_BROWSER_COOKIE), user, enabledAt);
  const owed = !!enabledAt && !trusted && !isSignedInProof((raw as { signedInProof?: unknown }).signedInProof, user);
  // With a code still owed the attempt stays counted until the code is right: otherwise the
  // password alone would reset the budget the codes are guessed against.
  if (!owed) await recordLoginSuccess(keys);
  if (!user.isActive) {
    await audit({ action: "login_failed", actorId: user.id, actorName: user.username, detail: "inactive" });
    throw new InactiveAccount();
  }
  await rememberDevice(user, keys.device, request);
  if (owed) {
    const token = await createPendingLogin(user.id, remember);
    const { name, options } = cookieOptions(PENDING_COOKIE, request);
    (await cookies()).set(name, token, options);
    throw new TwoFactorRequired();
  }
  await audit({ action: "login_ok", actorId: user.id, actorName: user.username, detail: trusted ? "trusted_browser" : remember ? "remember" : "" });
  return { id: user.id, sessionVersion: user.sessionVersion, remember };
}

/**
 * The second step: the pending login named by this browser's cookie and a code (the authenticator's
 * or a recovery code), limited like password attempts (per account and client, on the same budgets).
 */
async function authorizeSecondStep(raw: unknown, request: Request) {
  const parsed = loginCodeSchema.safeParse(raw);
  if (!parsed.success) throw new WrongCode();
  const token = cookieFrom(request.headers, PENDING_COOKIE);
  const pending = await findPendingLogin(token);
  if (!token || !pending) throw new LoginExpired();
  const { user } = pending;
  const keys: LoginKeys = { account: `id:${user.id}`, ip: clientIp(request.headers), device: trustedDevice(deviceCookieFrom(request.headers), user) };
  if (await reserveLoginAttempt(keys)) {
    await audit({ action: "two_factor_limited", actorId: user.id, actorName: user.username });
    throw new RateLimited();
  }
  const used = await takeSecondFactor(user.id, parsed.data.code);
  if (!used) {
    await audit({ action: "two_factor_failed", actorId: user.id, actorName: user.username });
    throw new WrongCode();
  }
  // One login per pending token, even for two right codes sent at once.
  if (!(await consumePendingLogin(token))) throw new LoginExpired();
  // Both steps' attempts are given back to the address: a good login costs nothing.
  await recordLoginSuccess(keys, 2);
  const jar = await cookies();
  jar.delete(cookieOptions(PENDING_COOKIE, request).name);
  if (!user.isActive) throw new InactiveAccount();
  const enabledAt = await twoFactorEnabledAt(user.id);
  if (parsed.data.rememberBrowser && enabledAt) {
    const value = issueTrustedBrowser(user, enabledAt);
    const { name, options } = cookieOptions(TRUSTED_BROWSER_COOKIE, request, TRUSTED_BROWSER_DAYS * 24 * 60 * 60);
    if (value) jar.set(name, value, options);
  }
  await audit({ action: "login_ok", actorId: user.id, actorName: user.username, detail: used === "recovery" ? "recovery_code" : "two_factor" });
  return { id: user.id, sessionVersion: user.sessionVersion, remember: pending.remember };
}

/** Seconds before a second step for this pending login's account may be tried from this request, or 0. */
export async function secondStepWait(user: { id: string; sessionVersion: number }, headers: Headers): Promise<number> {
  return loginRetryAfter({ account: `id:${user.id}`, ip: clientIp(headers), device: trustedDevice(deviceCookieFrom(headers), user) });
}

/** Whether this browser holds a live pending login, and whether it asked to be remembered (for the verify page and action). */
export async function pendingLoginOf(headers: Headers) {
  return findPendingLogin(cookieFrom(headers, PENDING_COOKIE));
}

/** Sets (or renews, keeping its id) this browser's device cookie for the account. */
async function rememberDevice(user: { id: string; sessionVersion: number }, device: string | null, request: Request) {
  const value = issueDeviceCookie(user, device?.split(".")[1]);
  if (!value) return;
  const secure = new URL(request.url).protocol === "https:" || !!env().AUTH_URL?.startsWith("https:");
  const { name, options } = deviceCookieOptions(secure);
  (await cookies()).set(name, value, options);
}
