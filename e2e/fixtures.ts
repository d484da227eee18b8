import { createCipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";
import bcrypt from "bcryptjs";
import { sql } from "./db";
import { uniqueUser, type TestUser } from "./pages";

// Fixtures arranged in the database, for tests that are not about the forms that would make them.
// The registration, login and bot forms keep their own tests (journey, sessions, forms).

/** A bot's public id as the app makes one: 128 random bits. */
export const newPublicId = () => randomBytes(16).toString("base64url");

/** Written by e2e/auth.setup.ts: the installation's first account, registered through the form. */
export const ADMIN_STATE = "e2e/.auth/admin.json";
export const ADMIN_USER = "e2e/.auth/admin-user.json";

// The app stores bcrypt(SHA-384-base64(NFC(password))) (lib/auth/password.ts, cost 12) and reads
// the cost from the hash when it checks one: cost 4 here makes fixture logins cheap, while every
// account registered through the form is still hashed with the app's own cost.
const FIXTURE_COST = 4;
const hashes = new Map<string, string>();
function fixtureHash(password: string) {
  const prehashed = createHash("sha384").update(password.normalize("NFC"), "utf8").digest("base64");
  if (!hashes.has(password)) hashes.set(password, bcrypt.hashSync(prehashed, FIXTURE_COST));
  return hashes.get(password)!;
}

const newId = () => `e2e${randomBytes(10).toString("hex")}`;

export type FixtureUser = TestUser & { id: string };

/** A user row with the shared test password, as if registered: not signed in anywhere. */
export async function createUser(prefix = "user", { isActive = true } = {}): Promise<FixtureUser> {
  const user = { ...uniqueUser(prefix), id: newId() };
  const now = new Date();
  await sql(`INSERT INTO "User" (id, username, email, "passwordHash", "isActive", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    user.id,
    user.username,
    user.email,
    fixtureHash(user.password),
    isActive,
    now,
    now,
  ]);
  return user;
}

type BotFields = { name: string; description?: string; systemPrompt?: string; provider?: string; model?: string };

/** A chatbot row owned by `ownerId`; its id. Defaults are the schema's, as with the new-bot form. */
export async function createBot(ownerId: string, bot: BotFields): Promise<string> {
  const id = newId();
  const now = new Date();
  const fields = { description: "", systemPrompt: "", provider: "builtin", model: "", ...bot };
  await sql(
    `INSERT INTO "Chatbot" (id, "ownerId", name, description, "systemPrompt", provider, model, "publicId", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [id, ownerId, fields.name, fields.description, fields.systemPrompt, fields.provider, fields.model, newPublicId(), now, now],
  );
  return id;
}

/**
 * Opens `botId`'s public channels as its owner would on the Channels tab: the public page, and the
 * widget for `widgetOrigins`; gives it an icon and colour, and a picture (WebP bytes, as the server
 * stores one) when given. Returns its public id.
 */
export async function publishBot(
  botId: string,
  { page = true, widgetOrigins = [] as string[], icon = "robot", color = "indigo", picture = null as Buffer | null } = {},
): Promise<string> {
  const hash = picture ? createHash("sha256").update(picture).digest("hex").slice(0, 16) : null;
  await sql(
    `UPDATE "Chatbot" SET "publicPageEnabled" = $1, "widgetEnabled" = $2, "allowedOrigins" = $3, "avatarIcon" = $4, "avatarColor" = $5, "avatarImage" = $6, "avatarImageHash" = $7 WHERE id = $8`,
    [page, widgetOrigins.length > 0, widgetOrigins.join("\n"), icon, color, picture, hash, botId],
  );
  const [row] = await sql(`SELECT "publicId" FROM "Chatbot" WHERE id = $1`, [botId]);
  return String(row.publicId);
}

/**
 * Signs `user` in on this browser context through Auth.js's own credentials endpoint (its CSRF
 * token, its rate limits, its session row): the login form's path without rendering the form.
 */
export async function signIn(context: BrowserContext, user: Pick<TestUser, "username" | "password">, { remember = false } = {}) {
  const { csrfToken } = await (await context.request.get("/api/auth/csrf")).json();
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, identifier: user.username, password: user.password, remember: String(remember) },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${user.username}`).toBe(302);
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.endsWith("authjs.session-token")), `session cookie of ${user.username}`).toBe(true);
}

/** A page of a new browser context, signed in as `user`. */
export async function signedInPage(browser: Browser, user: Pick<TestUser, "username" | "password">) {
  const context = await browser.newContext();
  await signIn(context, user);
  return context.newPage();
}

/** The e2e server's AUTH_SECRET (scripts/e2e-server.mjs). */
const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e";

/** A TOTP secret sealed as lib/auth/secret-box.ts seals one under the e2e server's AUTH_SECRET. */
function sealTotpSecret(secret: string) {
  const key = Buffer.from(hkdfSync("sha256", E2E_AUTH_SECRET, "", "chatbot-factory secret box v1", 32));
  const keyId = createHash("sha256").update(key).digest("hex").slice(0, 8);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from("totp"));
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", keyId, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/**
 * Switches two-factor sign-in on for `userId` as the profile's setup would: `secret` (base32) as
 * the app's secret and `recoveryCodes` as its codes (hashed). The setup's own form has its journey.
 */
export async function enableTwoFactor(userId: string, secret: string, recoveryCodes: string[] = []) {
  const now = new Date();
  await sql(`INSERT INTO "TwoFactor" ("userId", secret, "enabledAt", "lastUsedStep", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6)`, [
    userId,
    sealTotpSecret(secret),
    now,
    0,
    now,
    now,
  ]);
  for (const code of recoveryCodes) {
    const hash = createHash("sha256").update(code.toLowerCase().replace(/[\s-]+/g, "")).digest("hex");
    await sql(`INSERT INTO "RecoveryCode" (id, "userId", "codeHash") VALUES ($1, $2, $3)`, [newId(), userId, hash]);
  }
}

/** The installation's first account (an admin), as saved by the setup project. */
export function adminUser(): TestUser {
  return JSON.parse(readFileSync(ADMIN_USER, "utf8"));
}

/** A page of a new browser signed in as the installation's first account, from its saved state. */
export async function firstAdmin(browser: Browser) {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  return { page: await context.newPage(), username: adminUser().username };
}

export const test = base.extend<{ user: FixtureUser }>({
  /** A fresh account of this test's own, signed in on the test's `page` (and `context`). */
  user: async ({ context }, provide, testInfo) => {
    const prefix = testInfo.file.split("/").pop()!.replace(/\.spec\.ts$/, "").replace(/[^a-z0-9]/g, "");
    const user = await createUser(prefix);
    await signIn(context, user);
    await provide(user);
  },
});

export { expect };
