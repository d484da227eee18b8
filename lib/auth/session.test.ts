import { randomBytes } from "node:crypto";
import { beforeEach, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/db/client";
import { startLoginSession } from "@/lib/db/sessions";
import { makeUser } from "@/lib/testing/factories";
import { getSessionUser } from "./session";

// The request's cookies and headers, as the browser would send them.
let cookieJar = new Map<string, string>();
let requestHeaders = new Headers();
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined) }),
  headers: async () => requestHeaders,
}));

const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";

beforeEach(() => {
  cookieJar = new Map();
  requestHeaders = new Headers({ "x-forwarded-proto": "http" });
});

/** Signs a user in the way Auth.js's callback does: a session row and a token naming it. */
async function signedIn({ remember = false, cookie = PLAIN, secret = process.env.AUTH_SECRET! } = {}) {
  const user = await makeUser();
  const sid = randomBytes(32).toString("base64url");
  await startLoginSession(user.id, sid, new Date(Date.now() + 3_600_000));
  const claims = { uid: user.id, sid, sv: user.sessionVersion, remember, loginAt: Math.floor(Date.now() / 1000) };
  cookieJar.set(cookie, await encode({ token: claims, secret, salt: cookie }));
  return { user, sid };
}

it("knows the user whose live session the cookie names", async () => {
  const { user } = await signedIn({ remember: true });
  expect(await getSessionUser()).toEqual({ id: user.id, remember: true });
});

it("is nobody without a cookie, or once the session is ended or the account deactivated", async () => {
  expect(await getSessionUser()).toBeNull();

  const { sid } = await signedIn();
  await db.session.delete({ where: { sessionToken: sid } });
  expect(await getSessionUser()).toBeNull();

  const { user } = await signedIn();
  await db.user.update({ where: { id: user.id }, data: { isActive: false } });
  expect(await getSessionUser()).toBeNull();
});

it("ignores a cookie sealed with another secret, saying so in one line", async () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  await signedIn({ secret: "someone-elses-secret-someone-elses-secret" });
  expect(await getSessionUser()).toBeNull();
  expect(warn).toHaveBeenCalledWith("auth: unreadable session cookie ignored");
  warn.mockRestore();
});

it("behind HTTPS reads only the __Secure- cookie, as Auth.js writes it there", async () => {
  requestHeaders = new Headers({ "x-forwarded-proto": "https" });
  await signedIn({ cookie: PLAIN });
  expect(await getSessionUser()).toBeNull();

  const { user } = await signedIn({ cookie: SECURE });
  expect(await getSessionUser()).toEqual({ id: user.id, remember: false });
});
