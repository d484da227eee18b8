import { NextResponse, type NextRequest } from "next/server";
import { embedPublicId, frameAncestorsFor } from "@/lib/security/embed";
import { HSTS, STATIC_SECURITY_HEADERS, contentSecurityPolicy } from "@/lib/security/headers";

// Headers only: a fresh CSP nonce for every page, and the security headers on every response.
// Authentication is never decided here: pages, actions and handlers check it themselves.
// The widget's chat (/embed/<publicId>) is the one page that may be framed: by the bot's allowed origins only.
// Every page and action request gets an id (X-Request-Id, a proxy's own when it sends a
// well-formed one): the server reads it when it logs an error (lib/ops/log.ts), and the client
// gets it back to quote. API requests log the id their load balancer sent, if any (see config).
export async function proxy(request: NextRequest) {
  const requestId = requestIdOf(request);
  // A path that does not decode (`/b/%E0%A4%A`) made Next answer 500 with no headers: 400 here, with them.
  if (!decodes(request.nextUrl.pathname)) return withRequestId(withSecurityHeaders(request, new NextResponse(null, { status: 400 }), "default-src 'none'; frame-ancestors 'none'"), requestId);
  // An API path reaches here only when it holds a `%` (the matcher's second entry), to be checked above.
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-request-id", requestId);
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const embedId = embedPublicId(request.nextUrl.pathname);
  const frameAncestors = embedId ? await frameAncestorsFor(embedId) : null;
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", frameAncestors });
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set("x-nonce", nonce);
  const response = withSecurityHeaders(request, NextResponse.next({ request: { headers: requestHeaders } }), csp);
  // X-Frame-Options knows no list of origins; for the embed, frame-ancestors alone decides.
  if (embedId) response.headers.delete("X-Frame-Options");
  return withRequestId(response, requestId);
}

/** A load balancer's id (nginx's $request_id, a platform's) when it is a plain token; else a new one. */
const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{8,128}$/;
function requestIdOf(request: NextRequest) {
  const given = request.headers.get("x-request-id");
  return given && WELL_FORMED_ID.test(given) ? given : crypto.randomUUID();
}

function withRequestId(response: NextResponse, requestId: string) {
  response.headers.set("X-Request-Id", requestId);
  return response;
}

function decodes(pathname: string) {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function withSecurityHeaders(request: NextRequest, response: NextResponse, csp: string) {
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  // Pages: everything but the API, Next's hashed static files and widget.js (next.config.ts
  // gives those static headers). Anchored: `/widget.jsX` or `/_next/staticX` is a page (a 404)
  // and gets the page headers (finding 4); so is /favicon.ico, which the app does not have.
  // API paths with a percent sign come too, only for the check of their encoding. Every other API
  // path stays out: a request passing the proxy has its body buffered first, so an oversized
  // body would be read before the route refuses it (security case H1, e2e/hostile.spec.ts).
  matcher: [{ source: "/((?!api/|_next/static/|_next/image$|widget\\.js$).*)" }, { source: "/api/(.*%.*)" }],
};
