import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { auditThrottled } from "@/lib/db/audit";
import { findApiKeyByHash, touchApiKey } from "@/lib/db/api-keys";
import type { Caller } from "@/lib/db/scopes";
import type { ErrorCode } from "@/lib/errors";
import { clientIp } from "@/lib/security/ip";
import { apiKeyMissWait, takeApiKeyMiss, takeApiRequest } from "@/lib/security/limits";

// API keys (SECURITY.md #38, #47): 160 random bits after a recognisable `cbf_`, stored only as
// their SHA-256 (a key is random, so a fast hash is enough: there is nothing to guess from it),
// with the first characters kept to recognise it by in the list.

export const API_KEY_PREFIX = "cbf_";
/** 20 random bytes: 160 bits, 27 base64url characters. */
const KEY_BYTES = 20;
/** How much of the key the list shows: `cbf_` and 6 random characters (36 bits, no help to a guesser). */
const DISPLAY_LENGTH = API_KEY_PREFIX.length + 6;
/** `lastUsedAt` is written at most this often per key, so busy keys do not write on every request. */
export const LAST_USED_EVERY_MS = 60_000;

export const hashApiKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

/** A new key: the secret shown once, and what is stored of it. */
export function generateApiKey() {
  const key = API_KEY_PREFIX + randomBytes(KEY_BYTES).toString("base64url");
  return { key, hash: hashApiKey(key), prefix: key.slice(0, DISPLAY_LENGTH) };
}

/** The shape of a key we issue: anything else is refused without a database read. */
const KEY_SHAPE = /^cbf_[A-Za-z0-9_-]{27}$/;

/** The bearer token of an `Authorization` header, or null. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1] : null;
}

export type ApiKeyCaller = Extract<Caller, { kind: "apiKey" }>;
export type ApiKeyRefusal = { ok: false; code: Extract<ErrorCode, "api_key_invalid" | "api_key_revoked" | "api_key_expired" | "too_many_requests">; retryAfter?: number };
export type ApiKeyResult = { ok: true; caller: ApiKeyCaller } | ApiKeyRefusal;

/**
 * The caller behind a request's `Authorization: Bearer cbf_…`, resolved once per request before
 * anything else is read: looked up by hash, refused when revoked (audited), expired, or its
 * owner deactivated, and held to the per-key request limit. Revocation holds from the next
 * request: nothing about a key is cached.
 */
export async function resolveApiKey(request: Request, now = new Date()): Promise<ApiKeyResult> {
  const token = bearerToken(request);
  if (!token || !KEY_SHAPE.test(token)) return { ok: false, code: "api_key_invalid" };
  // An address that sent too many unknown keys is refused before the lookup: guessing costs no reads.
  const ip = clientIp(request.headers);
  const blocked = await apiKeyMissWait(ip);
  if (blocked) return { ok: false, code: "too_many_requests", retryAfter: blocked };
  const key = await findApiKeyByHash(hashApiKey(token));
  if (!key) {
    await takeApiKeyMiss(ip);
    return { ok: false, code: "api_key_invalid" };
  }
  if (!key.owner.isActive) return { ok: false, code: "api_key_invalid" };
  if (key.revokedAt) {
    // Once a minute per key at most: a client retrying in a loop should not fill the log.
    await auditThrottled({ action: "api_key_revoked_use", actorId: key.ownerId, targetId: key.id, targetName: `${key.name} (${key.prefix}…)` }, 60);
    return { ok: false, code: "api_key_revoked" };
  }
  if (key.expiresAt && key.expiresAt <= now) return { ok: false, code: "api_key_expired" };
  const wait = await takeApiRequest(key.id);
  if (wait) return { ok: false, code: "too_many_requests", retryAfter: wait };
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    await touchApiKey(key.id, now, LAST_USED_EVERY_MS);
  }
  return { ok: true, caller: { kind: "apiKey", keyId: key.id, ownerId: key.ownerId, botIds: key.allBots ? null : key.bots.map((b) => b.chatbotId) } };
}
