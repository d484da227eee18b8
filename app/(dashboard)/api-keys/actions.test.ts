import { beforeEach, describe, expect, it, vi } from "vitest";
import { hashApiKey, resolveApiKey } from "@/lib/auth/api-keys";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const bearer = (key: string) => new Request("http://test", { headers: { authorization: `Bearer ${key}` } });

describe("API key actions", () => {
  beforeEach(() => actAs(null));

  it("create a key shown once (only its hash stored), audited, and revoke it from the next request", async () => {
    const user = await makeUser();
    const bot = await createChatbot(user, botInput());
    actAs(user);
    const created = await createApiKeyAction({ name: "Website", scope: "chosen", botIds: [bot.id], expiresInDays: "30", ownerId: "someone-else" });
    if (!created.ok) throw new Error(created.code);
    const { key } = created.data;
    expect(key).toMatch(/^cbf_/);
    const row = await db.apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(key) }, include: { bots: true } });
    expect(row).toMatchObject({ ownerId: user.id, name: "Website", allBots: false, prefix: key.slice(0, 10) });
    expect(row.bots.map((b) => b.chatbotId)).toEqual([bot.id]);
    expect(await db.auditEvent.findFirst({ where: { action: "api_key_created", targetId: row.id } })).toMatchObject({ actorId: user.id });
    expect(JSON.stringify(await db.auditEvent.findMany({ where: { targetId: row.id } }))).not.toContain(key);

    expect((await resolveApiKey(bearer(key))).ok).toBe(true);
    expect(await revokeApiKeyAction(row.id)).toEqual({ ok: true, data: undefined });
    expect(await resolveApiKey(bearer(key))).toEqual({ ok: false, code: "api_key_revoked" });
    expect(await db.auditEvent.findFirst({ where: { action: "api_key_revoked", targetId: row.id } })).toMatchObject({ actorId: user.id });
  });

  it("refuse without a session, another user's key or bot, and an incomplete form, writing nothing", async () => {
    const owner = await makeUser();
    actAs(owner);
    const created = await createApiKeyAction({ name: "Mine", scope: "all" });
    if (!created.ok) throw new Error(created.code);
    const keyId = (await db.apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(created.data.key) } })).id;

    actAs(null);
    expect(await createApiKeyAction({ name: "x", scope: "all" })).toEqual({ ok: false, code: "unauthenticated" });
    expect(await revokeApiKeyAction(keyId)).toEqual({ ok: false, code: "unauthenticated" });
    const intruder = await makeUser();
    actAs(intruder);
    expect(await revokeApiKeyAction(keyId)).toMatchObject({ ok: false, code: "not_found" });
    const theirBot = await createChatbot(owner, botInput());
    expect(await createApiKeyAction({ name: "x", scope: "chosen", botIds: [theirBot.id] })).toMatchObject({ ok: false, fieldErrors: { botIds: "invalid_data" } });
    expect(await createApiKeyAction({ name: "", scope: "chosen", botIds: [], expiresInDays: "3" })).toMatchObject({
      ok: false,
      code: "invalid_data",
      fieldErrors: { name: "required", botIds: "api_key_bots_required", expiresInDays: "invalid_data" },
    });
    expect(await db.apiKey.count({ where: { ownerId: intruder.id } })).toBe(0);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).revokedAt).toBeNull();
  });
});
