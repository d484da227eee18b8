import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { browserScoped } from "@/lib/auth/cookies";
import { loginWait } from "@/lib/auth/login";
import { passwordChecksWait } from "@/lib/auth/password";
import { readBodyCapped, refusalResponse } from "@/lib/http/body";
import { refuseForeignRequest } from "@/lib/http/same-origin";
import { checkbox } from "@/lib/validation/fields";

// Auth.js's own endpoints (CSRF token, sign-out, future OAuth callbacks), guarded by Auth.js itself.
export const { GET } = handlers;

/** Auth.js's forms are small; anything larger is refused before it is read whole (or parsed). */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

const refuse = (status: 429 | 503, code: "rate_limited" | "server_busy", retryAfter: number) =>
  Response.json({ code, retryAfter }, { status, headers: { "Retry-After": String(retryAfter), "Cache-Control": "no-store" } });

/**
 * Auth.js's POSTs, with the body capped. Credentials posted straight to Auth.js meet the login
 * limit as a plain 429 with Retry-After (and a busy server as 503), and without "Remember me"
 * get a browser-session cookie, as through the login form.
 */
export async function POST(request: NextRequest) {
  // Auth.js checks its CSRF token; a post from another site is refused before that (its forms are ours).
  const foreign = refuseForeignRequest(request);
  if (foreign) return foreign;
  const body = await readBodyCapped(request, MAX_AUTH_BODY_BYTES);
  if (!body.ok) return refusalResponse(body);
  // Handed on with the bytes already read (and their own length, however they arrived).
  const headers = new Headers(request.headers);
  headers.delete("transfer-encoding");
  headers.delete("content-length");
  const forwarded = new NextRequest(request.url, { method: "POST", headers, body: body.data.byteLength ? body.data : undefined });
  if (!request.nextUrl.pathname.endsWith("/callback/credentials")) return handlers.POST(forwarded);

  const form = new URLSearchParams(new TextDecoder().decode(body.data));
  const identifier = form.get("identifier");
  if (identifier) {
    const retryAfter = await loginWait(identifier, request.headers);
    if (retryAfter) return refuse(429, "rate_limited", retryAfter);
  }
  const response = await handlers.POST(forwarded);
  const code = new URL(response.headers.get("location") ?? "/", request.url).searchParams.get("code");
  if (code === "server_busy") return refuse(503, "server_busy", passwordChecksWait());
  if (code === "rate_limited" && identifier) return refuse(429, "rate_limited", Math.max(1, await loginWait(identifier, request.headers)));
  return checkbox.parse(form.get("remember")) ? response : browserScoped(response);
}
