import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { clientIp } from "@/lib/security/ip";
import { loginRetryAfter } from "@/lib/security/limits";

// Auth.js's own endpoints (CSRF token, sign-out, future OAuth callbacks), guarded by Auth.js itself.
export const { GET } = handlers;

/** Credentials posted straight to Auth.js meet the login limit as a plain 429 with Retry-After. */
export async function POST(request: NextRequest) {
  if (request.nextUrl.pathname.endsWith("/callback/credentials")) {
    const form = await request.clone().formData().catch(() => null);
    const identifier = form?.get("identifier");
    if (typeof identifier === "string") {
      const retryAfter = await loginRetryAfter(identifier, clientIp(request.headers));
      if (retryAfter) return Response.json({ code: "rate_limited" }, { status: 429, headers: { "Retry-After": String(retryAfter) } });
    }
  }
  return handlers.POST(request);
}
