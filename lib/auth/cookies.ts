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
