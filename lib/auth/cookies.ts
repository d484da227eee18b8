import "server-only";
import { cookies } from "next/headers";

/**
 * Without "Remember me" the session must end with the browser session: Auth.js always writes
 * an expiry, so the cookie it just set is written again without one.
 */
export async function makeSessionCookieBrowserScoped() {
  const jar = await cookies();
  for (const cookie of jar.getAll()) {
    if (!/authjs\.session-token(\.\d+)?$/.test(cookie.name)) continue;
    jar.set(cookie.name, cookie.value, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: cookie.name.startsWith("__Secure-"),
    });
  }
}

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?=/;

/** The same response with Auth.js's session cookie made a browser-session cookie (no Expires, no Max-Age). */
export function browserScoped(response: Response): Response {
  const cookies = response.headers.getSetCookie();
  if (!cookies.some((cookie) => SESSION_COOKIE.test(cookie))) return response;
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers.append(name, value);
  });
  for (const cookie of cookies) {
    const scoped = SESSION_COOKIE.test(cookie) && !/=;|Max-Age=0/i.test(cookie) ? cookie.replace(/;\s*(Expires|Max-Age)=[^;]*/gi, "") : cookie;
    headers.append("set-cookie", scoped);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
