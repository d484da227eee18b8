import "server-only";
import { randomBytes } from "node:crypto";
import type { AvatarImage } from "@/lib/chatbots/avatar-image";
import { AppError } from "@/lib/errors";
import type { ChatbotData } from "@/lib/validation/chatbot";
import { containsText, db } from "./client";
import { booleanOf, sql, whereOf } from "./direct";
import { pageOf } from "./paging";
import { PROVIDERS, type ProviderId } from "@/lib/ai/types";
import { apiKeyBots, chatBot, ownBot, ownBots, type Actor, type Caller } from "./scopes";
import { recordFirstVersion, recordVersion } from "./versions";

export const CHATBOTS_PER_PAGE = 20;

const listFields = { id: true, name: true, description: true, isActive: true, adminLocked: true, updatedAt: true, avatarIcon: true, avatarColor: true, avatarImageHash: true } as const;
const detailFields = {
  ...listFields,
  systemPrompt: true,
  provider: true,
  model: true,
  temperature: true,
  maxOutputTokens: true,
  welcomeMessage: true,
  fallbackMessage: true,
  dailyMessageQuota: true,
  conversationRetentionDays: true,
  guardInstructions: true,
  createdAt: true,
} as const;

/** Only the fields a form may set: owner, id and dates never come from input. */
const writable = (input: ChatbotData) => ({
  name: input.name,
  description: input.description,
  systemPrompt: input.systemPrompt,
  isActive: input.isActive,
  provider: input.provider,
  model: input.model,
  temperature: input.temperature,
  maxOutputTokens: input.maxOutputTokens,
  welcomeMessage: input.welcomeMessage,
  fallbackMessage: input.fallbackMessage,
  dailyMessageQuota: input.dailyMessageQuota,
  conversationRetentionDays: input.conversationRetentionDays,
  guardInstructions: input.guardInstructions,
  avatarIcon: input.avatarIcon,
  avatarColor: input.avatarColor,
});

export async function listChatbots(actor: Actor, { query = "", page = 1 }: { query?: string; page?: number } = {}) {
  const where = { ...ownBots(actor), ...(query.trim() ? { name: containsText(query.trim()) } : {}) };
  const total = await db.chatbot.count({ where });
  const { pages, page: current, skip, take } = pageOf(total, page, CHATBOTS_PER_PAGE);
  const items = await db.chatbot.findMany({
    where,
    select: listFields,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip,
    take,
  });
  return { items, total, page: current, pages };
}

/** Bots the dashboard shows as cards. */
export const DASHBOARD_BOTS = 6;

/**
 * The dashboard's counts and its most recently used bots, each with its last activity: the
 * latest conversation, or the last change to the bot when it has none (or an older one).
 */
export async function dashboardSummary(actor: Actor) {
  const mine = ownBots(actor);
  const [total, active, bots] = await Promise.all([
    db.chatbot.count({ where: mine }),
    db.chatbot.count({ where: { ...mine, isActive: true } }),
    db.chatbot.findMany({ where: mine, select: listFields, orderBy: { updatedAt: "desc" }, take: DASHBOARD_BOTS }),
  ]);
  // One indexed look per card (chatbotId, updatedAt): a MAX grouped over the bots read every
  // conversation's index entry, which a bot with 100,000 conversations felt.
  const latest = await Promise.all(
    bots.map((b) => db.conversation.findFirst({ where: { chatbotId: b.id }, orderBy: { updatedAt: "desc" }, select: { chatbotId: true, updatedAt: true } })),
  );
  const talkedAt = new Map(latest.flatMap((c) => (c ? [[c.chatbotId, c.updatedAt] as const] : [])));
  const recent = bots
    .map((bot) => {
      const talked = talkedAt.get(bot.id);
      return { ...bot, lastActivity: talked && talked > bot.updatedAt ? talked : bot.updatedAt };
    })
    .sort((a, b) => b.lastActivity.getTime() - a.lastActivity.getTime());
  return { total, active, recent };
}

/** The actor's bot, or null: not found and not yours are the same answer. */
export async function findChatbot(actor: Actor, id: string) {
  const bot = await db.chatbot.findFirst({ where: ownBot(actor, id), select: detailFields });
  return bot && { ...bot, provider: providerOf(bot.provider) };
}

export async function getChatbot(actor: Actor, id: string) {
  const bot = await findChatbot(actor, id);
  if (!bot) throw new AppError("not_found");
  return bot;
}

/** The id public channels use: 128 random bits, never the database id. */
export const newPublicId = () => randomBytes(16).toString("base64url");

/** A bot and its version 1, published: a new bot answers everywhere with what it was made with. */
export async function createChatbot(actor: Actor, input: ChatbotData) {
  return db.$transaction(async (tx) => {
    const bot = await tx.chatbot.create({ data: { ...writable(input), ...ownBots(actor), publicId: newPublicId() }, select: detailFields });
    await recordFirstVersion(tx, bot.id, actor);
    return bot;
  });
}

/**
 * A bot and its first Q&A entries in one transaction (a template): either both exist or neither.
 * The caller has validated the entries against the Q&A schema.
 */
export async function createChatbotWithKnowledge(actor: Actor, input: ChatbotData, entries: { question: string; answer: string; alternatives?: string }[]) {
  return db.$transaction(async (tx) => {
    const bot = await tx.chatbot.create({ data: { ...writable(input), ...ownBots(actor), publicId: newPublicId() }, select: { id: true } });
    if (entries.length) {
      await tx.knowledgeEntry.createMany({ data: entries.map((e, position) => ({ chatbotId: bot.id, question: e.question, answer: e.answer, alternatives: e.alternatives ?? "", position })) });
    }
    await recordFirstVersion(tx, bot.id, actor);
    return bot;
  });
}

/**
 * The `where` of an owner's write: switching a bot on also requires that no admin lock is set, in
 * the same statement, so a lock landing at that moment cannot leave the bot locked but active.
 */
const ownerWrite = (actor: Actor, id: string, isActive: boolean) => ({ ...ownBot(actor, id), ...(isActive ? { adminLocked: false } : {}) });

/** Why an owner's write touched no row: the admin lock, or not found / not theirs. */
async function refuseIfLocked(actor: Actor, id: string): Promise<never> {
  const bot = await db.chatbot.findFirst({ where: ownBot(actor, id), select: { adminLocked: true } });
  if (bot?.adminLocked) throw new AppError("bot_locked", { isActive: "bot_locked" });
  throw new AppError("not_found");
}

/**
 * Saves the bot's settings; when its behaviour changed (lib/db/versions.ts) the save is also a new
 * version, with the owner's optional note. A name or avatar change makes none.
 */
export async function updateChatbot(actor: Actor, id: string, input: ChatbotData, note = "") {
  const version = await db.$transaction(async (tx) => {
    const { count } = await tx.chatbot.updateMany({ where: ownerWrite(actor, id, input.isActive), data: writable(input) });
    if (count === 0) return undefined;
    return recordVersion(tx, id, actor, { note });
  });
  if (version === undefined) await refuseIfLocked(actor, id);
  return { ...(await getChatbot(actor, id)), version };
}

export async function setChatbotActive(actor: Actor, id: string, isActive: boolean) {
  const { count } = await db.chatbot.updateMany({ where: ownerWrite(actor, id, isActive), data: { isActive } });
  if (count === 0) await refuseIfLocked(actor, id);
}

export async function deleteChatbot(actor: Actor, id: string) {
  const { count } = await db.chatbot.deleteMany({ where: ownBot(actor, id) });
  if (count === 0) throw new AppError("not_found");
}

/** Sets (or with null removes) the picture drawn instead of the bot's icon: bytes re-encoded by lib/chatbots/avatar-image.ts only. */
export async function setChatbotAvatarImage(actor: Actor, id: string, image: AvatarImage | null) {
  const { count } = await db.chatbot.updateMany({
    where: ownBot(actor, id),
    data: { avatarImage: image?.bytes ?? null, avatarImageHash: image?.hash ?? null },
  });
  if (count === 0) throw new AppError("not_found");
}

/** The picture of the actor's bot, or null (no bot of theirs, or no picture). */
export async function findChatbotAvatarImage(actor: Actor, id: string) {
  const bot = await db.chatbot.findFirst({ where: ownBot(actor, id), select: { avatarImage: true, avatarImageHash: true } });
  return pictureOf(bot);
}

/**
 * The picture of a bot by its public id, for visitors: only while a public channel shows the
 * bot (its page or widget on, the bot on and not locked), so an unpublished bot shows nothing.
 */
export async function findPublicAvatarImage(publicId: string) {
  if (!publicId) return null; // an empty id must not become "any bot"
  const bot = await db.chatbot.findFirst({
    where: { publicId, isActive: true, adminLocked: false, OR: [{ publicPageEnabled: true }, { widgetEnabled: true }] },
    select: { avatarImage: true, avatarImageHash: true },
  });
  return pictureOf(bot);
}

const pictureOf = (bot: { avatarImage: Uint8Array | null; avatarImageHash: string | null } | null): AvatarImage | null =>
  bot?.avatarImage && bot.avatarImageHash ? { bytes: new Uint8Array(bot.avatarImage), hash: bot.avatarImageHash } : null;

/** The id of the actor's bot, or not_found: the guard for everything that hangs off a bot. */
export async function requireOwnedChatbot(actor: Actor, id: string) {
  const bot = await db.chatbot.findFirst({ where: ownBot(actor, id), select: { id: true } });
  if (!bot) throw new AppError("not_found");
  return bot.id;
}

/** A stored provider id, typed: one the app no longer knows answers with the built-in model. */
export const providerOf = (value: string): ProviderId => PROVIDERS.find((p) => p === value) ?? "builtin";

declare const chatTarget: unique symbol;
/** A bot the caller may chat with: only `findBotForChat` makes one, so the chat functions that take it need no other check. */
export type ChatTarget = NonNullable<Awaited<ReturnType<typeof readChatTarget>>> & { readonly [chatTarget]: true };

/**
 * What a reply needs of the bot, when the caller may reach it (the scope of ./scopes.ts): one
 * statement on the driver (./direct.ts), as every chat message begins with it.
 */
const readChatTarget = async (caller: Caller, id: string, version?: "draft" | "published") => {
  const scope = chatBot(caller, id);
  if (!scope) return null;
  const where = whereOf(scope);
  // The owner (the playground) talks to the draft, the bot's own fields; every other caller to the
  // published version, read in the same statement (a bot never published answers with its draft).
  // Only the owner may choose (saved tests ask both).
  const published = caller.kind !== "owner" || version === "published";
  const behaviour = ["provider", "model", "systemPrompt", "temperature", "maxOutputTokens", "fallbackMessage"]
    .map((f) => (published ? `COALESCE(v."${f}", b."${f}") AS "${f}"` : `b."${f}"`))
    .join(", ");
  const { rows } = await sql(
    `SELECT b."id", b."ownerId", b."isActive", ${behaviour}, b."dailyMessageQuota", b."guardInstructions", b."knowledgeVersion",
       EXISTS (SELECT 1 FROM "KnowledgePiece" k WHERE k."chatbotId" = b."id") AS "hasPieces"
     FROM (SELECT * FROM "Chatbot" WHERE ${where.text} LIMIT 1) b
     ${published ? `LEFT JOIN "BotVersion" v ON v."chatbotId" = b."id" AND v."number" = b."publishedVersion"` : ""}`,
    where.params,
  );
  const [bot] = rows;
  return bot
    ? {
        id: String(bot.id),
        ownerId: String(bot.ownerId),
        isActive: booleanOf(bot.isActive),
        provider: providerOf(String(bot.provider)),
        model: String(bot.model),
        systemPrompt: String(bot.systemPrompt),
        temperature: Number(bot.temperature),
        maxOutputTokens: Number(bot.maxOutputTokens),
        fallbackMessage: String(bot.fallbackMessage),
        dailyMessageQuota: bot.dailyMessageQuota === null ? null : Number(bot.dailyMessageQuota),
        guardInstructions: booleanOf(bot.guardInstructions),
        knowledgeVersion: Number(bot.knowledgeVersion),
        /** Whether it has document pieces to search (none: retrieval asks the database nothing more). */
        hasPieces: booleanOf(bot.hasPieces),
      }
    : null;
};

/**
 * The bot with what a reply needs, when the caller may chat with it; else null. The owner gets
 * the draft unless they ask for the published version (saved tests compare the two).
 */
export async function findBotForChat(caller: Caller, id: string, version?: "draft" | "published"): Promise<ChatTarget | null> {
  return (await readChatTarget(caller, id, version)) as ChatTarget | null;
}

/** The bots an API key may use now (its scope, API on, switched on): what GET /api/v1/models lists. */
export async function listApiKeyBots(caller: Extract<Caller, { kind: "apiKey" }>) {
  return db.chatbot.findMany({ where: { ...apiKeyBots(caller), isActive: true }, select: { publicId: true, createdAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
