import { NextResponse, type NextRequest } from "next/server";
import { embedPublicId, frameAncestorsFor } from "@/lib/security/embed";
import { HSTS, STATIC_SECURITY_HEADERS, contentSecurityPolicy } from "@/lib/security/headers";

// Headers only: a fresh CSP nonce for every page, and the security headers on every response.
// Authentication is never decided here: pages, actions and handlers check it themselves.
// The widget's chat (/embed/<publicId>) is the one page that may be framed: by the bot's allowed origins only.
export async function proxy(request: NextRequest) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const embedId = embedPublicId(request.nextUrl.pathname);
  const frameAncestors = embedId ? await frameAncestorsFor(embedId) : null;
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", frameAncestors });
  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  // X-Frame-Options knows no list of origins; for the embed, frame-ancestors alone decides.
  if (embedId) response.headers.delete("X-Frame-Options");
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  // Pages: everything but the API (next.config.ts gives it static headers) and Next's hashed
  // static files (which carry no user data and are immutable).
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico|widget.js).*)" }],
};
