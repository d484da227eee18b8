import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser
// that signed in to an account gets a signed cookie naming the account and the device; a login
// presenting it for the same account spends that device's own failure budget, not the
// account's untrusted-client lockout, so nobody elsewhere can lock the owner out of it.
// It carries the account's session version: a password change (or "sign out everywhere", a
// deactivation, a role change) moves it on and every device cookie of the account stops counting.

export const DEVICE_COOKIE = "cbf-device";
export const DEVICE_COOKIE_DAYS = 365;

let key: Buffer | undefined;
/** An HMAC key of its own, derived from AUTH_SECRET (which never signs anything else here). */
function signingKey(): Buffer | null {
  const secret = env().AUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) return null;
  key ??= Buffer.from(hkdfSync("sha256", secret, "", "chatbot-factory device cookie", 32));
  return key;
}

const sign = (payload: string, secret: Buffer) => createHmac("sha256", secret).update(payload).digest("base64url");

type DeviceAccount = { id: string; sessionVersion: number };

/** A new (or renewed) device cookie value for this account as it stands (its session version), or null without a secret. */
export function issueDeviceCookie(user: DeviceAccount, deviceId = randomBytes(16).toString("base64url")): string | null {
  const secret = signingKey();
  if (!secret) return null;
  const payload = `v2.${user.id}.${deviceId}.${Math.floor(Date.now() / 1000)}.${user.sessionVersion}`;
  return `${payload}.${sign(payload, secret)}`;
}

/** The device id a cookie value vouches for, for this account: null when absent, forged, expired, another account's or older than its last password change. */
export function trustedDevice(value: string | undefined | null, user: DeviceAccount | null | undefined): string | null {
  const secret = signingKey();
  if (!value || !user || !secret || value.length > 300) return null;
  const parts = value.split(".");
  if (parts.length !== 6 || parts[0] !== "v2") return null;
  const [, uid, deviceId, issued, version, mac] = parts;
  const expected = Buffer.from(sign(parts.slice(0, 5).join("."), secret));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (uid !== user.id || version !== String(user.sessionVersion)) return null;
  if (!(Date.now() / 1000 - Number(issued) < DEVICE_COOKIE_DAYS * 24 * 60 * 60)) return null;
  return `${uid}.${deviceId}`;
}

/** The device cookie's value from a Cookie header (either name, with or without `__Secure-`). */
export function deviceCookieFrom(headers: Headers): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === DEVICE_COOKIE || name === `__Secure-${DEVICE_COOKIE}`) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** The cookie's name and attributes: HttpOnly, SameSite=Lax, long-lived, Secure (and `__Secure-`) behind HTTPS. */
export function deviceCookieOptions(secure: boolean) {
  return {
    name: secure ? `__Secure-${DEVICE_COOKIE}` : DEVICE_COOKIE,
    options: { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: DEVICE_COOKIE_DAYS * 24 * 60 * 60 },
  };
}
