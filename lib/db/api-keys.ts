import "server-only";
import { AppError } from "@/lib/errors";
import type { ApiKeyData } from "@/lib/validation/api-key";
import { db } from "./client";
import { ownBots, requireActorId, type Actor } from "./scopes";

/** A key's own state, never its hash: what the list shows and what deciding on a request needs. */
const stateFields = { id: true, name: true, prefix: true, allBots: true, expiresAt: true, lastUsedAt: true, revokedAt: true } as const;
const listFields = { ...stateFields, createdAt: true, bots: { select: { chatbot: { select: { id: true, name: true } } } } } as const;

export type ApiKeyState = "active" | "expired" | "revoked";

/** The actor's keys, newest first, each with whether it works now. */
export async function listApiKeys(actor: Actor, now = new Date()) {
  const rows = await db.apiKey.findMany({ where: { ownerId: requireActorId(actor) }, select: listFields, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  return rows.map(({ bots, ...key }) => ({
    ...key,
    bots: bots.map((b) => b.chatbot),
    state: (key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt <= now ? "expired" : "active") as ApiKeyState,
  }));
}

/** The actor's bots a key may be scoped to (every one: a bot answers only once its API is on). */
export async function apiKeyBotChoices(actor: Actor) {
  return db.chatbot.findMany({ where: ownBots(actor), select: { id: true, name: true, apiEnabled: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/** Stores a new key for the actor, only its hash and prefix; chosen bots must all be the actor's. */
export async function createApiKey(actor: Actor, input: ApiKeyData, secret: { hash: string; prefix: string }, now = new Date()) {
  const ownerId = requireActorId(actor);
  const botIds = input.scope === "chosen" ? [...new Set(input.botIds)] : [];
  if (botIds.length) {
    const mine = await db.chatbot.count({ where: { ...ownBots(actor), id: { in: botIds } } });
    if (mine !== botIds.length) throw new AppError("invalid_data", { botIds: "invalid_data" });
  }
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + Number(input.expiresInDays) * 24 * 60 * 60 * 1000) : null;
  return db.apiKey.create({
    data: {
      ownerId,
      name: input.name,
      prefix: secret.prefix,
      hash: secret.hash,
      allBots: input.scope === "all",
      expiresAt,
      bots: { create: botIds.map((chatbotId) => ({ chatbotId })) },
    },
    select: { id: true, name: true, prefix: true },
  });
}

/** Revokes one of the actor's keys (from the next request on). Already revoked or not theirs: not found. */
export async function revokeApiKey(actor: Actor, id: string, now = new Date()) {
  const where = { id, ownerId: requireActorId(actor) };
  const { count } = await db.apiKey.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now } });
  if (count === 0) throw new AppError("not_found");
  return db.apiKey.findFirstOrThrow({ where, select: { id: true, name: true, prefix: true } });
}

/** A key by the hash of what was presented, with what deciding on it needs (lib/auth/api-keys.ts). */
export async function findApiKeyByHash(hash: string) {
  return db.apiKey.findUnique({
    where: { hash },
    select: { ...stateFields, ownerId: true, owner: { select: { isActive: true } }, bots: { select: { chatbotId: true } } },
  });
}

/** Records a key's use, unless another request did within the last `everyMs` (one write a minute at most). */
export async function touchApiKey(id: string, now: Date, everyMs: number) {
  await db.apiKey.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - everyMs) } }] },
    data: { lastUsedAt: now },
  });
}
