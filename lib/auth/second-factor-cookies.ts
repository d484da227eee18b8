import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// The two cookies of two-factor sign-in:
// - the pending login (cbf-2fa-pending): a random token naming a PendingLogin row (5 minutes).
//   No Max-Age or Expires: it dies with the browser session, so a half login never survives a restart.
// - the remembered browser (cbf-2fa-browser): "this browser need not ask for a code for 30 days",
//   signed with a key of its own derived from AUTH_SECRET. It names the account, its session version
//   and the moment its second factor was switched on, so it is revoked by "sign out everywhere", a
//   password change, switching 2FA off or on again, and an admin's reset.

export const PENDING_COOKIE = "cbf-2fa-pending";
export const TRUSTED_BROWSER_COOKIE = "cbf-2fa-browser";
export const TRUSTED_BROWSER_DAYS = 30;

const secure = (request: Request) => new URL(request.url).protocol === "https:" || !!env().AUTH_URL?.startsWith("https:");

/** A cookie's name and attributes: HttpOnly, SameSite=Lax, Secure (and `__Secure-`) behind HTTPS. */
export function cookieOptions(name: string, request: Request, maxAge?: number) {
  const isSecure = secure(request);
  return { name: isSecure ? `__Secure-${name}` : name, options: { httpOnly: true, sameSite: "lax" as const, secure: isSecure, path: "/", ...(maxAge ? { maxAge } : {}) } };
}

/** A cookie's value from a Cookie header, under its name with or without `__Secure-`. */
export function cookieFrom(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name || key === `__Secure-${name}`) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return null;
      }
    }
  }
  return null;
}

let key: Buffer | undefined;
function signingKey(): Buffer | null {
  const secret = env().AUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) return null;
  key ??= Buffer.from(hkdfSync("sha256", secret, "", "chatbot-factory trusted browser", 32));
  return key;
}
const sign = (payload: string, secret: Buffer) => createHmac("sha256", secret).update(payload).digest("base64url");

type TrustAccount = { id: string; sessionVersion: number };

/** "Remember this browser": a signed value for 30 days, for the account as it stands. */
export function issueTrustedBrowser(user: TrustAccount, enabledAt: Date, now = Date.now()): string | null {
  const secret = signingKey();
  if (!secret) return null;
  const expires = Math.floor(now / 1000) + TRUSTED_BROWSER_DAYS * 24 * 60 * 60;
  const payload = `v1.${user.id}.${expires}.${user.sessionVersion}.${enabledAt.getTime()}`;
  return `${payload}.${sign(payload, secret)}`;
}

/** Whether a remembered-browser value vouches for this account now: signed by us, unexpired, and not revoked since. */
export function isTrustedBrowser(value: string | null, user: TrustAccount, enabledAt: Date, now = Date.now()): boolean {
  const secret = signingKey();
  if (!value || !secret || value.length > 300) return false;
  const parts = value.split(".");
  if (parts.length !== 6 || parts[0] !== "v1") return false;
  const [, uid, expires, version, enabled, mac] = parts;
  const expected = Buffer.from(sign(parts.slice(0, 5).join("."), secret));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return uid === user.id && version === String(user.sessionVersion) && enabled === String(enabledAt.getTime()) && Number(expires) > now / 1000;
}

// A fully signed-in user whose password just changed gets a fresh session in the same request
// (the change ended every session); the login must not ask them for a code again. This proof
// never leaves the server: the action passes it to signIn() in process, where authorize() checks it.
let proofKey: Buffer | undefined;
function proofSigningKey(): Buffer | null {
  const secret = env().AUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) return null;
  proofKey ??= Buffer.from(hkdfSync("sha256", secret, "", "chatbot-factory signed-in proof", 32));
  return proofKey;
}
const PROOF_SECONDS = 60;

/** A one-minute proof that this account (at this session version) was already signed in with both factors. */
export function issueSignedInProof(user: TrustAccount, now = Date.now()): string {
  const secret = proofSigningKey();
  if (!secret) return "";
  const payload = `${user.id}.${user.sessionVersion}.${Math.floor(now / 1000) + PROOF_SECONDS}`;
  return `${payload}.${sign(payload, secret)}`;
}

export function isSignedInProof(value: unknown, user: TrustAccount, now = Date.now()): boolean {
  const secret = proofSigningKey();
  if (typeof value !== "string" || !secret || value.length > 300) return false;
  const parts = value.split(".");
  if (parts.length !== 4) return false;
  const expected = Buffer.from(sign(parts.slice(0, 3).join("."), secret));
  const given = Buffer.from(parts[3]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return parts[0] === user.id && parts[1] === String(user.sessionVersion) && Number(parts[2]) > now / 1000;
}
