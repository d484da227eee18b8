import type { APIRequestContext, Page, Request } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { Secret, TOTP } from "otpauth";
import { sql } from "./db";
import { BASE_URL } from "../playwright.config";
import { createBot, createUser, enableTwoFactor, expect, test } from "./fixtures";
import { ChatbotFormPage, LoginPage } from "./pages";

// What crosses the wire (SECURITY.md): server actions posted directly, the way an attacker
// would, replaying a real browser's request with one thing changed each time.

type Captured = { url: string; headers: Record<string, string>; body: string };

/** Submits the new-bot form in the browser and keeps the server action request it sent. */
async function captureCreateAction(page: Page, name: string): Promise<Captured> {
  await page.goto("/chatbots/new");
  await new ChatbotFormPage(page).fill({ name });
  const [request] = await Promise.all([
    page.waitForRequest((r: Request) => r.method() === "POST" && !!r.headers()["next-action"]),
    page.getByRole("button", { name: "Create chatbot" }).click(),
  ]);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const headers = await request.allHeaders();
  return { url: request.url(), headers, body: request.postData() ?? "" };
}

/** The captured request again, with another body, cookie or origin. */
function replay(request: APIRequestContext, action: Captured, change: { body?: string; cookie?: string | null; origin?: string }) {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.headers)) {
    if (["next-action", "next-router-state-tree", "content-type", "accept", "origin"].includes(k)) headers[k] = v;
  }
  if (change.cookie) headers.cookie = change.cookie;
  if (change.origin) headers.origin = change.origin;
  return request.post(action.url, { headers, data: change.body ?? action.body, maxRedirects: 0 });
}

const botsNamed = async (name: string) => sql(`SELECT "ownerId" FROM "Chatbot" WHERE name = $1`, [name]);
const cookieHeader = async (page: Page) => (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

test("server actions over HTTP: no session, a foreign Origin, smuggled fields and an oversized body write nothing they should not", async ({ page, request, user: attacker }) => {
  const victim = await createUser("victim");
  const action = await captureCreateAction(page, "Captured bot");
  expect(action.body).toContain("Captured bot");
  const cookie = await cookieHeader(page);
  const withName = (name: string) => action.body.replace("Captured bot", name);

  // The capture replays: with the session it works, so the refusals below are about the change.
  const again = await replay(request, action, { body: withName("Replayed bot"), cookie });
  expect(again.status()).toBe(200);
  expect(await botsNamed("Replayed bot")).toHaveLength(1);

  // 22: no session.
  const anonymous = await replay(request, action, { body: withName("Anonymous bot"), cookie: null });
  expect(await anonymous.text()).toContain('"code":"unauthenticated"');
  expect(await botsNamed("Anonymous bot")).toHaveLength(0);

  // 23: a foreign Origin.
  const foreign = await replay(request, action, { body: withName("Cross-site bot"), cookie, origin: "https://evil.example" });
  expect(foreign.status()).toBeGreaterThanOrEqual(400);
  expect(await botsNamed("Cross-site bot")).toHaveLength(0);

  // 18: owner, id and lock smuggled into the form data are ignored.
  const victimId = victim.id;
  const smuggled = withName("Smuggled bot").replace('"name":', `"ownerId":"${victimId}","id":"chosen-id","adminLocked":true,"name":`);
  expect(smuggled).toContain(victimId);
  expect((await replay(request, action, { body: smuggled, cookie })).status()).toBe(200);
  const [made] = await sql(`SELECT id, "ownerId", "adminLocked" FROM "Chatbot" WHERE name = $1`, ["Smuggled bot"]);
  expect(made.ownerId).toBe(attacker.id);
  expect(made.id).not.toBe("chosen-id");
  expect(Boolean(made.adminLocked)).toBe(false);

  // 27: a body over the limit is refused and the server stays up.
  const huge = withName("Huge bot").replace('"description":""', `"description":"${"x".repeat(3 * 1024 * 1024)}"`);
  const oversized = await replay(request, action, { body: huge, cookie });
  expect(oversized.status()).toBeGreaterThanOrEqual(400);
  expect(await botsNamed("Huge bot")).toHaveLength(0);
  expect((await request.get("/api/health")).status()).toBe(200);

  // 33: a broken action call gets a generic answer: no stack, no file path.
  const broken = await request.post("/chatbots/new", { headers: { "next-action": "0".repeat(42), cookie, "content-type": "text/plain;charset=UTF-8" }, data: "[" });
  const brokenText = await broken.text();
  expect(brokenText).not.toMatch(/\n\s+at |\.tsx?:\d+|node_modules|webpack-internal/);
});

test("no page or action result carries a password hash or a provider key", async ({ page, user }) => {
  const id = await createBot(user.id, { name: "Leak check" });
  const bodies: string[] = [];
  page.on("response", async (response) => {
    if (response.request().resourceType() === "document" || response.request().headers()["next-action"] || response.url().includes("_rsc")) {
      bodies.push(await response.text().catch(() => ""));
    }
  });
  for (const path of ["/dashboard", "/chatbots", `/chatbots/${id}`, `/chatbots/${id}/edit`, `/chatbots/${id}/knowledge`, `/chatbots/${id}/conversations`, "/profile"]) {
    await page.goto(path);
  }
  await page.goto("/profile");
  await page.getByRole("textbox", { name: "First name" }).fill("Leaky");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByTestId("toast-success").last()).toBeVisible();
  const all = bodies.join("\n");
  expect(bodies.length).toBeGreaterThan(7);
  expect(all).not.toMatch(/\$2[aby]\$\d\d\$/);
  expect(all).not.toContain("passwordHash");
  expect(all).not.toContain("sk-e2e-fake");
});

test("Auth.js sign-in without its CSRF token sets no session", async ({ request }) => {
  // A real account and its right password: the refusal is about the missing token.
  const user = await createUser("nocsrf");
  const response = await request.post("/api/auth/callback/credentials", {
    form: { identifier: user.username, password: user.password, remember: "true" },
    maxRedirects: 0,
  });
  expect(response.headers()["set-cookie"] ?? "").not.toMatch(/authjs\.session-token=[^;]+/);
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.user).toBeUndefined();
});

test("a tampered token, one signed with another secret, and a deleted user's token are no session", async ({ page, browser, user }) => {
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"))!;
  const visit = async (value: string) => {
    const other = await browser.newContext();
    await other.addCookies([{ name: cookie.name, value, url: BASE_URL }]);
    const p = await other.newPage();
    await p.goto("/dashboard");
    const url = p.url();
    const chat = await p.request.post("/api/chatbots/anything/chat", { data: { message: "hi" } });
    await other.close();
    return { url, chatStatus: chat.status() };
  };
  // The real cookie works from another browser, so each refusal below is about its change.
  expect((await visit(cookie.value)).url).toMatch(/\/dashboard$/);

  const flipped = cookie.value.slice(0, -6) + (cookie.value.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
  expect(await visit(flipped)).toEqual({ url: expect.stringMatching(/\/login$/), chatStatus: 401 });

  const id = user.id;
  const forged = await encode({
    token: { uid: id, sid: "forged", sv: 0, remember: true, loginAt: Math.floor(Date.now() / 1000) },
    secret: "another-secret-another-secret-another-secret",
    salt: cookie.name,
  });
  expect(await visit(forged)).toEqual({ url: expect.stringMatching(/\/login$/), chatStatus: 401 });

  // 21: the account is deleted while its cookie is still valid.
  await sql(`DELETE FROM "User" WHERE id = $1`, [id]);
  expect(await visit(cookie.value)).toEqual({ url: expect.stringMatching(/\/login$/), chatStatus: 401 });
});

test("URL and header variants that bypassed Next's proxy before reach no protected page", async ({ request }) => {
  const variants: [string, Record<string, string>][] = [
    ["/dashboard", { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" }],
    ["/dashboard", { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" }],
    ["/dashboard/", {}],
    ["/DASHBOARD", {}],
    ["/%64ashboard", {}],
    ["/dashboard?__nextDataReq=1", {}],
    ["/dashboard", { "x-invoke-path": "/dashboard", "x-invoke-query": "{}" }],
    ["/admin", { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" }],
    ["/profile", { "x-now-route-matches": "1", rsc: "1" }],
  ];
  for (const [path, headers] of variants) {
    const response = await request.get(path, { headers, maxRedirects: 0 });
    const text = await response.text();
    const reached = response.status() === 200 && /Create your first chatbot|Change password|data-testid="admin-users"/.test(text);
    expect(reached, `${path} ${JSON.stringify(headers)} → ${response.status()}`).toBe(false);
  }
});

test("behind HTTPS the session cookie is __Secure-, Secure, HttpOnly and SameSite=Lax", async ({ request }) => {
  const user = await createUser("https");
  const https = { "x-forwarded-proto": "https" };
  const csrf = await request.get("/api/auth/csrf", { headers: https });
  const csrfCookie = (csrf.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.includes("csrf-token"))?.value ?? "").split(";")[0];
  expect(csrfCookie).toMatch(/^__Host-authjs\.csrf-token=/);
  const { csrfToken } = await csrf.json();
  const login = await request.post("/api/auth/callback/credentials", {
    headers: { ...https, cookie: csrfCookie },
    form: { csrfToken, identifier: user.username, password: user.password, remember: "true" },
    maxRedirects: 0,
  });
  const session = login.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.includes("session-token"))?.value ?? "";
  expect(session).toMatch(/^__Secure-authjs\.session-token=/);
  expect(session).toMatch(/; Secure/i);
  expect(session).toMatch(/; HttpOnly/i);
  expect(session).toMatch(/; SameSite=Lax/i);
});

test("two-factor: the second step cannot be skipped by posting to Auth.js or to the verify action directly", async ({ page, playwright }) => {
  const user = await createUser("wire2fa");
  const secret = new Secret({ size: 20 }).base32;
  await enableTwoFactor(user.id, secret, ["wire-wire-wire-wire"]);
  const code = (offsetSteps = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
  const fresh = () => playwright.request.newContext({ baseURL: BASE_URL });
  const hasSession = async (client: APIRequestContext) => !!(await (await client.get("/api/auth/session")).json())?.user;
  const post = async (client: APIRequestContext, form: Record<string, string>) => {
    const { csrfToken } = await (await client.get("/api/auth/csrf")).json();
    return client.post("/api/auth/callback/credentials", { form: { csrfToken, ...form }, maxRedirects: 0 });
  };

  // The right password alone, straight to Auth.js: no session, a pending login in a browser-session cookie.
  const a = await fresh();
  const first = await post(a, { identifier: user.username, password: user.password, remember: "true" });
  expect(first.headers()["set-cookie"] ?? "").not.toMatch(/authjs\.session-token=[^;]+/);
  const pendingCookie = first.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("cbf-2fa-pending="))?.value ?? "";
  expect(pendingCookie).toMatch(/; HttpOnly/i);
  expect(pendingCookie).not.toMatch(/Max-Age|Expires/i);
  expect(await hasSession(a)).toBe(false);
  // With a code too (ignored at the password step), or a forged proof of an earlier sign-in: still none.
  expect(await hasSession(a)).toBe(false);
  const b = await fresh();
  await post(b, { identifier: user.username, password: user.password, code: code() });
  await post(b, { identifier: user.username, password: user.password, signedInProof: `${user.id}.0.9999999999.forged` });
  expect(await hasSession(b)).toBe(false);
  // A code, or a recovery code, without the pending login's cookie: none.
  const c = await fresh();
  await post(c, { code: code() });
  await post(c, { code: "wire-wire-wire-wire" });
  expect(await hasSession(c)).toBe(false);

  // The verify action, captured from the page and posted again without the pending cookie: refused.
  await page.context().clearCookies();
  await new LoginPage(page).login(user.username, user.password);
  await expect(page).toHaveURL(/\/login\/verify$/);
  await page.getByRole("textbox", { name: "Code" }).fill("000000");
  const [request] = await Promise.all([
    page.waitForRequest((r: Request) => r.method() === "POST" && !!r.headers()["next-action"]),
    page.getByRole("button", { name: "Verify and log in" }).click(),
  ]);
  await expect(page.getByTestId("form-error")).toContainText("That code is not right");
  const verify: Captured = { url: request.url(), headers: await request.allHeaders(), body: request.postData() ?? "" };
  const replayed = await replay(c, verify, { body: verify.body.replace("000000", code()), cookie: null });
  expect(await replayed.text()).toContain('"code":"login_expired"');
  expect(await hasSession(c)).toBe(false);

  // The pending login with the right code does sign in (so each refusal above was about the missing step).
  const second = await post(a, { code: code(1) });
  expect(second.status()).toBe(302);
  expect(await hasSession(a)).toBe(true);
  await Promise.all([a.dispose(), b.dispose(), c.dispose()]);
});
