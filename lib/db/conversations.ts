import "server-only";
import { randomUUID } from "node:crypto";
import { sourcesOf, type ChatSource } from "@/lib/chat/wire";
import { AppError } from "@/lib/errors";
import { HISTORY_WINDOW } from "@/lib/validation/chat";
import { requireOwnedChatbot } from "./chatbots";
import { db } from "./client";
import { dateOf, sql } from "./direct";
import { pageOf } from "./paging";
import type { ChatTarget } from "./chatbots";
import { callerConversations, chatBot, ownBot, ownBotChild, type Actor, type Caller } from "./scopes";

export const CONVERSATIONS_PER_PAGE = 20;
export { HISTORY_WINDOW };

const messageFields = {
  id: true,
  role: true,
  content: true,
  provider: true,
  model: true,
  inputTokens: true,
  outputTokens: true,
  latencyMs: true,
  errorCode: true,
  sources: true,
  createdAt: true,
} as const;

/** Where a conversation came from: the owner's playground, a public page or widget, or the API. */
export type ConversationSource = "playground" | "public" | "api";

/**
 * A new conversation with the bot, and its first message (one write); `who` is the visitor or key it
 * belongs to. Not counted into the daily usage: the caller does that (usage.ts countMessages).
 */
export async function startConversation(bot: ChatTarget, source: ConversationSource, first: NewMessage, who: { visitorId?: string; apiKeyId?: string } = {}) {
  const created = await db.conversation.create({
    data: { chatbotId: bot.id, source, visitorId: who.visitorId ?? null, apiKeyId: who.apiKeyId ?? null, messages: { create: { ...first, chatbotId: bot.id } } },
    select: { id: true },
  });
  return created.id;
}

/**
 * The last messages of the caller's conversation with this bot, oldest first, for the model's
 * context, and when its latest message was written — one statement (on the driver, ./direct.ts), which is also the check that the
 * conversation is theirs: every stored conversation holds its first visitor message, so none
 * found means not theirs (or no such one).
 */
export async function conversationHistory(caller: Caller, bot: ChatTarget, conversationId: string) {
  const whose = callerConversations(caller);
  const [column, value] = "visitorId" in whose ? ["visitorId", whose.visitorId] : "apiKeyId" in whose ? ["apiKeyId", whose.apiKeyId] : [null, null];
  const { rows } = await sql(
    `SELECT m."role", m."content", (SELECT MAX(l."createdAt") FROM "Message" l WHERE l."conversationId" = c."id") AS "lastAt"
     FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId"
     WHERE m."conversationId" = $1 AND m."errorCode" IS NULL AND c."chatbotId" = $2${column ? ` AND c."${column}" = $3` : ""}
     ORDER BY m."createdAt" DESC, m."id" DESC LIMIT ${HISTORY_WINDOW}`,
    column ? [conversationId, bot.id, value] : [conversationId, bot.id],
  );
  if (!rows.length) throw new AppError("not_found");
  return {
    turns: rows.reverse().map((m) => ({ role: m.role === "assistant" ? ("assistant" as const) : ("user" as const), content: String(m.content) })),
    /** When its latest message (a failed reply too) was written: the next one comes after it. */
    lastAt: dateOf(rows[0].lastAt),
  };
}

/** Where an exchange goes: a conversation the caller continues, or a new one with its id chosen here. */
export type ExchangeTarget =
  | { isNew: false; id: string }
  | { isNew: true; id: string; source: ConversationSource; visitorId?: string; apiKeyId?: string; channel?: "page" | "widget"; startedAt: Date };

/** A new conversation's id, chosen before it is written so the reply can name it from its first event. */
export const newConversationId = () => `c${randomUUID().replaceAll("-", "")}`;

const MESSAGE_COLUMNS = ["id", "conversationId", "chatbotId", "role", "content", "provider", "model", "inputTokens", "outputTokens", "latencyMs", "errorCode", "sources", "fallback", "needsReview", "createdAt"] as const;

/**
 * A visitor's message and the bot's reply, written once the reply has ended (so nothing waits
 * for storage before the first token): two statements on the driver (./direct.ts), no
 * transaction — the conversation written or touched, then its messages in one insert.
 */
export async function storeExchange(bot: ChatTarget, target: ExchangeTarget, messages: (NewMessage & { createdAt: Date })[]) {
  const updatedAt = messages.at(-1)!.createdAt;
  if (target.isNew) {
    const { id, source, visitorId, apiKeyId, channel, startedAt } = target;
    await sql(`INSERT INTO "Conversation" ("id", "chatbotId", "source", "visitorId", "apiKeyId", "channel", "startedAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      id,
      bot.id,
      source,
      visitorId ?? null,
      apiKeyId ?? null,
      channel ?? null,
      startedAt,
      updatedAt,
    ]);
  } else {
    const { count } = await sql(`UPDATE "Conversation" SET "updatedAt" = $1 WHERE "id" = $2 AND "chatbotId" = $3`, [updatedAt, target.id, bot.id]);
    if (count === 0) throw new AppError("not_found"); // deleted while the bot was answering
  }
  // A reply that fell back goes on the owner's list of unanswered questions.
  const values = messages.map((m) => [m.id ?? newMessageId(), target.id, bot.id, m.role, m.content, m.provider ?? null, m.model ?? null, m.inputTokens ?? null, m.outputTokens ?? null, m.latencyMs ?? null, m.errorCode ?? null, m.sources ?? null, !!m.fallback, !!m.fallback, m.createdAt]);
  let n = 0;
  await sql(
    `INSERT INTO "Message" (${MESSAGE_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${values.map((row) => `(${row.map(() => `$${++n}`).join(", ")})`).join(", ")}`,
    values.flat(),
  );
}

export const newMessageId = () => `m${randomUUID().replaceAll("-", "")}`;

export type NewMessage = {
  /** Given when the caller must know it before the message is stored (a reply's id, for rating it). */
  id?: string;
  role: "user" | "assistant";
  content: string;
  provider?: string;
  model?: string;
  inputTokens?: number | null;
  outputTokens?: number | null;
  latencyMs?: number | null;
  errorCode?: string | null;
  /** The reply's sources (lib/chat/wire.ts ChatSource[]) as JSON, or null when it used none. */
  sources?: string | null;
  /** A reply that found nothing to answer from. */
  fallback?: boolean;
};

/** Adds a message to a conversation of this bot (one the caller opened or continued); counted by the caller, as above. */
export async function addMessage(bot: ChatTarget, conversationId: string, message: NewMessage) {
  await db.conversation.update({
    where: { id: conversationId, chatbotId: bot.id },
    data: { updatedAt: new Date(), messages: { create: { ...message, chatbotId: bot.id } } },
    select: { id: true },
  });
}

export async function listConversations(actor: Actor, chatbotId: string, page = 1) {
  const botId = await requireOwnedChatbot(actor, chatbotId);
  const where = { chatbotId: botId };
  const total = await db.conversation.count({ where });
  const { pages, page: current, skip, take } = pageOf(total, page, CONVERSATIONS_PER_PAGE);
  const rows = await db.conversation.findMany({
    where,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip,
    take,
    select: {
      id: true,
      source: true,
      startedAt: true,
      updatedAt: true,
      _count: { select: { messages: true } },
      messages: { where: { role: "user" }, orderBy: { createdAt: "asc" }, take: 1, select: { content: true } },
    },
  });
  const items = rows.map((c) => ({
    id: c.id,
    source: c.source,
    startedAt: c.startedAt,
    updatedAt: c.updatedAt,
    messageCount: c._count.messages,
    firstMessage: c.messages[0]?.content ?? "",
  }));
  return { items, total, page: current, pages };
}

export async function getConversation(actor: Actor, id: string) {
  const conversation = await db.conversation.findFirst({
    where: ownBotChild(actor, id),
    select: { id: true, chatbotId: true, source: true, startedAt: true, updatedAt: true, messages: { select: messageFields, orderBy: { createdAt: "asc" } } },
  });
  if (!conversation) throw new AppError("not_found");
  return withSources(conversation);
}

/** Messages with their sources read back as a list (stored as JSON). */
function withSources<C extends { messages: { sources: string | null }[] }>(
  conversation: C,
): Omit<C, "messages"> & { messages: (Omit<C["messages"][number], "sources"> & { sources: ChatSource[] })[] } {
  type Message = Omit<C["messages"][number], "sources"> & { sources: ChatSource[] };
  return { ...conversation, messages: conversation.messages.map((m) => ({ ...m, sources: sourcesOf(m.sources) }) as Message) };
}

/**
 * The actor's latest playground conversation with their bot (its id and last change), or null:
 * the playground offers to go on with it. Owner-checked in the same statement, like every read here.
 */
export async function latestPlaygroundConversation(actor: Actor, chatbotId: string) {
  return db.conversation.findFirst({
    where: { chatbotId, source: "playground", chatbot: ownBot(actor, chatbotId) },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    select: { id: true, updatedAt: true },
  });
}

export async function deleteConversation(actor: Actor, id: string) {
  const { count } = await db.conversation.deleteMany({ where: ownBotChild(actor, id) });
  if (count === 0) throw new AppError("not_found");
}

export async function deleteAllConversations(actor: Actor, chatbotId: string) {
  const botId = await requireOwnedChatbot(actor, chatbotId);
  return (await db.conversation.deleteMany({ where: { chatbotId: botId } })).count;
}

const EXPORT_CONVERSATIONS = 100;
const EXPORT_MESSAGES = 1000;
/** Messages read at once for a whole batch of conversations (about 1 MB held). */
const EXPORT_BATCH_MESSAGES = 5000;

/**
 * Every conversation of a bot with its messages, oldest first, for export: read in batches
 * (keyset pagination), so memory stays flat however many messages there are. The owner is
 * checked before the first batch; the generator is returned only then.
 */
export async function exportConversations(actor: Actor, chatbotId: string) {
  const botId = await requireOwnedChatbot(actor, chatbotId);
  return (async function* () {
    let after: { startedAt: Date; id: string } | null = null;
    for (;;) {
      const conversations: { id: string; source: string; startedAt: Date; updatedAt: Date }[] = await db.conversation.findMany({
        where: { chatbotId: botId, ...(after ? { OR: [{ startedAt: { gt: after.startedAt } }, { startedAt: after.startedAt, id: { gt: after.id } }] } : {}) },
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
        select: { id: true, source: true, startedAt: true, updatedAt: true },
        take: EXPORT_CONVERSATIONS,
      });
      yield* withMessages(conversations);
      if (conversations.length < EXPORT_CONVERSATIONS) return;
      after = conversations.at(-1)!;
    }
  })();
}

const messagesAfter = (conversationId: string, cursor: string | null) =>
  db.message.findMany({
    where: { conversationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: messageFields,
    take: EXPORT_MESSAGES,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });

/**
 * A batch of conversations, each with its messages: one read for the whole batch when its
 * messages fit in EXPORT_BATCH_MESSAGES (the usual case — a read per conversation made a
 * 100,000-message export take 17 s), else each conversation's messages read in batches of its own.
 */
async function* withMessages<C extends { id: string }>(conversations: C[]) {
  const rows = await db.message.findMany({
    where: { conversationId: { in: conversations.map((c) => c.id) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { ...messageFields, conversationId: true },
    take: EXPORT_BATCH_MESSAGES + 1,
  });
  if (rows.length > EXPORT_BATCH_MESSAGES) {
    for (const conversation of conversations) yield { ...conversation, messages: exportMessages(conversation.id) };
    return;
  }
  const byConversation = new Map<string, Omit<(typeof rows)[number], "conversationId">[]>();
  for (const { conversationId, ...message } of rows) {
    const list = byConversation.get(conversationId);
    if (list) list.push(message);
    else byConversation.set(conversationId, [message]);
  }
  for (const conversation of conversations) yield { ...conversation, messages: listed(byConversation.get(conversation.id) ?? []) };
}

async function* listed<T>(items: T[]) {
  yield* items;
}

async function* exportMessages(conversationId: string) {
  for (let batch = await messagesAfter(conversationId, null); ; batch = await messagesAfter(conversationId, batch.at(-1)!.id)) {
    yield* batch;
    if (batch.length < EXPORT_MESSAGES) return;
  }
}

/** The bot whose history a caller reads: one it may chat with, switched on; else not found / inactive. */
async function botForHistory(caller: Caller, botId: string) {
  const where = chatBot(caller, botId);
  const bot = where && (await db.chatbot.findFirst({ where, select: { id: true, isActive: true } }));
  if (!bot) throw new AppError("not_found");
  if (!bot.isActive) throw new AppError("bot_inactive");
  return bot.id;
}

/**
 * A page of the conversations with a bot that the caller may read (an API key: only those started
 * through it), newest first. Only the conversation's own fields: nothing of the bot's settings.
 */
export async function listCallerConversations(caller: Caller, botId: string, page = 1) {
  const where = { chatbotId: await botForHistory(caller, botId), ...callerConversations(caller) };
  const total = await db.conversation.count({ where });
  const { pages, page: current, skip, take } = pageOf(total, page, CONVERSATIONS_PER_PAGE);
  const rows = await db.conversation.findMany({
    where,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip,
    take,
    select: { id: true, startedAt: true, updatedAt: true, _count: { select: { messages: true } } },
  });
  const items = rows.map((c) => ({ id: c.id, startedAt: c.startedAt, updatedAt: c.updatedAt, messageCount: c._count.messages }));
  return { items, total, page: current, pages };
}

/** One conversation the caller may read, with its messages oldest first (text, role, time, and a failed reply's code). */
export async function getCallerConversation(caller: Caller, botId: string, conversationId: string) {
  const conversation = await db.conversation.findFirst({
    where: { id: conversationId, chatbotId: await botForHistory(caller, botId), ...callerConversations(caller) },
    select: {
      id: true,
      startedAt: true,
      updatedAt: true,
      messages: { select: { id: true, role: true, content: true, errorCode: true, sources: true, createdAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!conversation) throw new AppError("not_found");
  return withSources(conversation);
}
