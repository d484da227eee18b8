import "server-only";
import { CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import { audit } from "@/lib/db/audit";
import { findUserForLogin } from "@/lib/db/users";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/security/ip";
import { loginRetryAfter, recordLoginSuccess, releaseLoginAttempt, reserveLoginAttempt, type LoginKeys } from "@/lib/security/limits";
import { loginSchema } from "@/lib/validation/auth";
import { deviceCookieFrom, deviceCookieOptions, issueDeviceCookie, trustedDevice } from "./device";
import { isPasswordChecksBusy, verifyPassword } from "./password";

export class InactiveAccount extends CredentialsSignin {
  code = "account_inactive";
}

export class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

export class ServerBusy extends CredentialsSignin {
  code = "server_busy";
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

/** Auth.js's `authorize` for credentials: the account, or null for a wrong identifier or password. */
export async function authorizeLogin(raw: unknown, request: Request) {
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
  await recordLoginSuccess(keys);
  if (!user.isActive) {
    await audit({ action: "login_failed", actorId: user.id, actorName: user.username, detail: "inactive" });
    throw new InactiveAccount();
  }
  await rememberDevice(user, keys.device, request);
  await audit({ action: "login_ok", actorId: user.id, actorName: user.username, detail: remember ? "remember" : "" });
  return { id: user.id, sessionVersion: user.sessionVersion, remember };
}

/** Sets (or renews, keeping its id) this browser's device cookie for the account. */
async function rememberDevice(user: { id: string; sessionVersion: number }, device: string | null, request: Request) {
  const value = issueDeviceCookie(user, device?.split(".")[1]);
  if (!value) return;
  const secure = new URL(request.url).protocol === "https:" || !!env().AUTH_URL?.startsWith("https:");
  const { name, options } = deviceCookieOptions(secure);
  (await cookies()).set(name, value, options);
}
