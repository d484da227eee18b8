import "server-only";
import NextAuth from "next-auth";
import type { JWT } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { db } from "@/lib/db/client";
import { randomBytes } from "node:crypto";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/security/ip";
import { endLoginSession, liveSessionState, startLoginSession, touchLoginSession } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import { authorizeLogin } from "./login";
import { sessionVerdict } from "./session-rules";

const DAY = 24 * 60 * 60;
export const REMEMBER_SECONDS = 30 * DAY;

/** What we keep in the signed session token. */
export type SessionClaims = JWT & { uid?: string; sid?: string; sv?: number; remember?: boolean; loginAt?: number };

/**
 * Whether a session token's claims still name a live session (lib/auth/session-rules.ts), and
 * its last use written now and then. The one check behind Auth.js's callback and getSessionUser.
 */
export async function sessionHolds(claims: SessionClaims): Promise<boolean> {
  if (!claims.uid || !claims.sid || typeof claims.sv !== "number") return false;
  const verdict = sessionVerdict(await liveSessionState(claims.sid, claims.sv), claims, Date.now(), env().SESSION_IDLE_MINUTES);
  if (verdict === "ended") return false;
  if (verdict === "touch") await touchLoginSession(claims.sid);
  return true;
}

/** This request's headers; none outside a request (tests calling the callback). */
async function requestHeadersOrNone(): Promise<Headers> {
  try {
    return new Headers(await headers());
  } catch {
    return new Headers();
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  // Not used by credentials + JWT; there so OAuth or email providers can be added without a schema change.
  adapter: PrismaAdapter(db),
  session: { strategy: "jwt", maxAge: REMEMBER_SECONDS },
  trustHost: true,
  pages: { signIn: "/login" },
  logger: {
    // A wrong password is not a server error; every other error is logged in full.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      if (["RateLimited", "ServerBusy"].includes(error.name) || ["RateLimited", "ServerBusy"].includes((error as { type?: string }).type ?? "")) return;
      // A forged, foreign or outdated cookie is simply no session: one line, not a stack.
      if ((error as { type?: string }).type === "JWTSessionError") return console.warn("auth: unreadable session cookie ignored");
      if ((error as { type?: string }).type === "MissingCSRF") return console.warn("auth: a request without its CSRF token refused");
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { identifier: {}, password: {}, remember: {} },
      authorize: (raw, request) => authorizeLogin(raw, request),
    }),
  ],
  events: {
    async signOut(message) {
      const sid = "token" in message ? (message.token as SessionClaims | null)?.sid : undefined;
      if (sid) await endLoginSession(sid);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      const claims = token as SessionClaims;
      if (user) {
        // A fresh session for every login: a cookie from before it never carries over.
        const signedIn = user as { id: string; sessionVersion: number; remember: boolean };
        claims.uid = signedIn.id;
        claims.sid = randomBytes(32).toString("base64url");
        claims.sv = signedIn.sessionVersion;
        claims.remember = signedIn.remember;
        claims.loginAt = Math.floor(Date.now() / 1000);
        const limit = claims.remember ? REMEMBER_SECONDS : env().SESSION_HOURS * 60 * 60;
        const requestHeaders = await requestHeadersOrNone();
        await startLoginSession(signedIn.id, claims.sid, new Date((claims.loginAt + limit) * 1000), {
          userAgent: requestHeaders.get("user-agent"),
          ip: clientAddress(requestHeaders),
        });
      }
      return (await sessionHolds(claims)) ? claims : null;
    },
    session({ session, token }) {
      const claims = token as SessionClaims;
      // Only what the app needs: no name, email or anything else reaches the session payload.
      return { expires: session.expires, user: { id: claims.uid!, remember: claims.remember === true } } as unknown as typeof session;
    },
  },
});
