import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";
import { sessionHolds, type SessionClaims } from "./auth";
import { decodeSessionToken } from "./session-token";

export type SessionUser = { id: string; remember: boolean };

/** The session cookie's name as Auth.js chooses it: `__Secure-` when the app is reached over HTTPS. */
function sessionCookieName(requestHeaders: Headers): string {
  const base = env().AUTH_URL;
  const protocol = base ? new URL(base).protocol : (requestHeaders.get("x-forwarded-proto") ?? "https").replace(/:?$/, ":");
  return `${protocol === "https:" ? "__Secure-" : ""}authjs.session-token`;
}

/**
 * The signed-in user of this request, or null. Reads the token Auth.js wrote and applies the same
 * check as its callback (lib/auth/auth.ts), without a round trip through Auth.js's session
 * endpoint: that re-encrypts a token nobody receives and cost 3 ms of every chat reply's start.
 * Our tokens are a few hundred bytes, so never split into chunked cookies.
 */
const sessionClaims = cache(async (): Promise<SessionClaims | null> => {
  const [jar, requestHeaders] = await Promise.all([cookies(), headers()]);
  const name = sessionCookieName(requestHeaders);
  const token = jar.get(name)?.value;
  const secret = env().AUTH_SECRET;
  if (!token || !secret) return null;
  const claims = (await decodeSessionToken(token, secret, name)) as SessionClaims | null;
  if (!claims) console.warn("auth: unreadable session cookie ignored");
  if (!claims || !(await sessionHolds(claims))) return null;
  return claims;
});

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await sessionClaims();
  return claims && { id: claims.uid!, remember: claims.remember === true };
});

/** The id of this request's own session (its row in Session), to mark it in the sessions list; null without one. */
export async function currentSessionId(): Promise<string | null> {
  return (await sessionClaims())?.sid ?? null;
}
