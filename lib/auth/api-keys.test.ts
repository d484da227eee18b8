import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/db/api-keys";
import { createChatbot } from "@/lib/db/chatbots";
import { AppError } from "@/lib/errors";
import { botInput, makeUser } from "@/lib/testing/factories";
import { apiKeySchema } from "@/lib/validation/api-key";
import { API_KEY_PREFIX, LAST_USED_EVERY_MS, bearerToken, generateApiKey, hashApiKey, resolveApiKey } from "./api-keys";

vi.hoisted(() => {
  process.env.API_KEY_REQUESTS_PER_MINUTE = "5";
});

const request = (key: string | null) => new Request("http://test/api/v1/models", { headers: key === null ? {} : { authorization: `Bearer ${key}` } });
const input = (over: Record<string, unknown> = {}) => apiKeySchema.parse({ name: "Backend", scope: "all", ...over });

async function newKey(user: { id: string }, over: Record<string, unknown> = {}) {
  const secret = generateApiKey();
  const row = await createApiKey(user, input(over), secret);
  return { ...secret, id: row.id };
}

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
});

describe("API keys", () => {
  it("have 160 random bits after cbf_, and only their SHA-256 and a short prefix are stored", async () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^cbf_[A-Za-z0-9_-]{27}$/);
    expect(Buffer.from(a.key.slice(API_KEY_PREFIX.length), "base64url")).toHaveLength(20);
    expect(a.key).not.toBe(b.key);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.key.startsWith(a.prefix)).toBe(true);
    expect(a.prefix).toHaveLength(10);

    const user = await makeUser();
    const key = await newKey(user);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.hash).toBe(key.hash);
    expect(JSON.stringify(row)).not.toContain(key.key);
    // The list shows neither the key nor its hash.
    const [listed] = await listApiKeys(user);
    expect(JSON.stringify(listed)).not.toContain(key.key.slice(12));
    expect(listed).not.toHaveProperty("hash");
    expect(listed).toMatchObject({ name: "Backend", prefix: key.prefix, state: "active", allBots: true });
  });

  it("resolve to their owner and scope; anything else is refused before the database", async () => {
    const user = await makeUser();
    const bot = await createChatbot(user, botInput());
    const all = await newKey(user);
    const chosen = await newKey(user, { scope: "chosen", botIds: [bot.id] });
    expect(await resolveApiKey(request(all.key))).toEqual({ ok: true, caller: { kind: "apiKey", keyId: all.id, ownerId: user.id, botIds: null } });
    expect(await resolveApiKey(request(chosen.key))).toEqual({ ok: true, caller: { kind: "apiKey", keyId: chosen.id, ownerId: user.id, botIds: [bot.id] } });

    const find = vi.spyOn(db.apiKey, "findUnique");
    for (const token of [null, "", "cbf_short", `${all.key}x`, all.key.toUpperCase()]) {
      expect(await resolveApiKey(request(token))).toEqual({ ok: false, code: "api_key_invalid" });
    }
    expect(bearerToken(new Request("http://t", { headers: { authorization: `Basic ${all.key}` } }))).toBeNull();
    expect(find).not.toHaveBeenCalled();
    // A well-formed key nobody issued is looked up, and refused the same way.
    expect(await resolveApiKey(request(generateApiKey().key))).toEqual({ ok: false, code: "api_key_invalid" });
    expect(find).toHaveBeenCalledTimes(1);
    find.mockRestore();
  });

  it("refuse chosen bots of another account", async () => {
    const user = await makeUser();
    const theirs = await createChatbot(await makeUser(), botInput());
    const error = await createApiKey(user, input({ scope: "chosen", botIds: [theirs.id] }), generateApiKey()).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.fieldErrors).toEqual({ botIds: "invalid_data" });
    expect(apiKeySchema.safeParse({ name: "x", scope: "chosen", botIds: [] }).error?.issues[0].message).toBe("api_key_bots_required");
    expect(await db.apiKey.count({ where: { ownerId: user.id } })).toBe(0);
  });

  it("stop at the next request once revoked, and a revoked key's use is audited (once a minute)", async () => {
    const user = await makeUser();
    const key = await newKey(user);
    expect((await resolveApiKey(request(key.key))).ok).toBe(true);
    await revokeApiKey(user, key.id);
    expect(await resolveApiKey(request(key.key))).toEqual({ ok: false, code: "api_key_revoked" });
    expect(await resolveApiKey(request(key.key))).toEqual({ ok: false, code: "api_key_revoked" });
    // Recorded, once a minute at most (a client retrying in a loop does not fill the log).
    const events = await db.auditEvent.findMany({ where: { action: "api_key_revoked_use", targetId: key.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: user.id, targetName: `Backend (${key.prefix}…)` });
    expect(JSON.stringify(events)).not.toContain(key.key);
    // Revoking twice, or someone else's key, is not found.
    await expect(revokeApiKey(user, key.id)).rejects.toMatchObject({ code: "not_found" });
    const other = await newKey(user);
    await expect(revokeApiKey(await makeUser(), other.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await resolveApiKey(request(other.key))).ok).toBe(true);
  });

  it("expire, and die with a deactivated owner", async () => {
    const user = await makeUser();
    const key = await newKey(user, { expiresInDays: "7" });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.expiresAt!.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect((await resolveApiKey(request(key.key))).ok).toBe(true);
    expect(await resolveApiKey(request(key.key), new Date(row.expiresAt!.getTime() + 1))).toEqual({ ok: false, code: "api_key_expired" });
    expect((await listApiKeys(user, new Date(row.expiresAt!.getTime() + 1)))[0].state).toBe("expired");

    const other = await makeUser();
    const theirs = await newKey(other);
    await db.user.update({ where: { id: other.id }, data: { isActive: false } });
    expect(await resolveApiKey(request(theirs.key))).toEqual({ ok: false, code: "api_key_invalid" });
  });

  it("record the last use at most once a minute", async () => {
    const user = await makeUser();
    const key = await newKey(user);
    const t0 = new Date("2030-01-01T10:00:00Z");
    await resolveApiKey(request(key.key), t0);
    const lastUsed = async () => (await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt?.getTime();
    expect(await lastUsed()).toBe(t0.getTime());
    const update = vi.spyOn(db.apiKey, "updateMany");
    await resolveApiKey(request(key.key), new Date(t0.getTime() + 30_000));
    expect(update).not.toHaveBeenCalled();
    expect(await lastUsed()).toBe(t0.getTime());
    await resolveApiKey(request(key.key), new Date(t0.getTime() + LAST_USED_EVERY_MS));
    expect(await lastUsed()).toBe(t0.getTime() + LAST_USED_EVERY_MS);
    update.mockRestore();
  });

  it("are limited per key per minute with the wait, other keys unaffected", async () => {
    const user = await makeUser();
    const key = await newKey(user);
    for (let i = 0; i < 5; i++) expect((await resolveApiKey(request(key.key))).ok).toBe(true);
    const refused = await resolveApiKey(request(key.key));
    expect(refused).toMatchObject({ ok: false, code: "too_many_requests" });
    expect(!refused.ok && refused.retryAfter).toBeGreaterThan(0);
    expect(!refused.ok && refused.retryAfter).toBeLessThanOrEqual(60);
    expect((await resolveApiKey(request((await newKey(user)).key))).ok).toBe(true);
  });
});
