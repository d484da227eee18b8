import "server-only";
import { getTranslations } from "next-intl/server";
import { AiError, availableProviders, streamReply, type ChatTurn, type ReplyEvent, type ReplyFinish, type ReplyRequest } from "@/lib/ai";
import { findBotForChat, type ChatTarget } from "@/lib/db/chatbots";
import { HISTORY_WINDOW, conversationHistory, newConversationId, newMessageId, storeExchange, type ExchangeTarget, type NewMessage } from "@/lib/db/conversations";
import { conversationOwnerFields, type Caller } from "@/lib/db/scopes";
import { noteFirstToken } from "@/lib/db/statement-count";
import { countMessages, noteRefusedMessage, quotaDay, reserveQuotaMessage } from "@/lib/db/usage";
import { AppError, type ErrorCode } from "@/lib/errors";
import { CONTEXT_ENTRIES, CONTEXT_ITEMS, CONTEXT_PASSAGES, botKnowledge, builtinAnswer, citedSources, contextItems, findKnowledge, groundedSystemPrompt } from "@/lib/knowledge";
import { takeChatMessage, takeVisitorMessage } from "@/lib/security/limits";
import { guardReply, instructionSpans } from "./guard";
import type { StepTimer } from "./timing";
import type { ChatEvent, ChatSource } from "./wire";
import { logRequestError } from "@/lib/ops/log";
import { channelOf, recordExchange, type Channel } from "@/lib/db/analytics";

export type ChatRequest = {
  /** Who is asking, resolved once by the channel's route. */
  caller: Caller;
  botId: string;
  /** Already validated (lib/validation/chat.ts). */
  message: string;
  /** The conversation to go on with; none starts a new one. */
  conversationId?: string | null;
  /**
   * The earlier turns when the caller keeps the conversation itself (the OpenAI-compatible API):
   * used instead of a stored conversation's, bounded to the same window; a new conversation is
   * stored with this message only.
   */
  history?: ChatTurn[];
  /** The visitor pressed Stop or left. */
  signal?: AbortSignal;
  timer?: StepTimer;
};

export type ChatReply = { conversationId: string; events: AsyncGenerator<ChatEvent> };

/** Now, or just after `after` when the clock has not moved past it: a conversation keeps its order within a millisecond. */
const timeAfter = (after: Date | null) => new Date(Math.max(Date.now(), after ? after.getTime() + 1 : 0));

/** Seconds to wait before this caller may send another message, or 0: a visitor spends per-visitor and per-address budgets. */
const takeMessage = (caller: Caller, bot: ChatTarget) =>
  caller.kind === "visitor"
    ? takeVisitorMessage({ visitorId: caller.visitorId, ip: caller.ip, botId: bot.id })
    : takeChatMessage(caller.kind === "owner" ? caller.id : `key:${caller.keyId}`);

/**
 * The one reply pipeline behind every channel. Refuses (AppError with a code, and a wait where
 * there is one) before the provider is asked; then asks it at once and returns the reply as
 * events. Nothing is written before the first token: the visitor's message and what the bot said
 * are stored together when the events end — also when the visitor stops or leaves half-way.
 */
export async function startChat(request: ChatRequest): Promise<ChatReply> {
  const { caller, timer } = request;
  const now = new Date();
  const bot = await findBotForChat(caller, request.botId);
  timer?.mark("bot");
  if (!bot) throw new AppError("not_found");
  if (!bot.isActive) throw new AppError("bot_inactive");
  // Both refusals come before the provider is asked.
  const wait = await takeMessage(caller, bot);
  const quotaDayNow = quotaDay(now);
  if (wait) {
    // Without an address, a visitor's refusal is the bot's shared bucket speaking: the owner is told.
    if (caller.kind === "visitor" && !caller.ip) noteRefusedMessage(bot.id, quotaDayNow.day);
    throw new AppError("too_many_requests", undefined, wait);
  }
  // The quota is taken (checked and counted in one statement) before the provider is asked, so
  // it holds under any burst and across instances; a reply that fails before its first token gives it back.
  const quota = bot.dailyMessageQuota === null ? null : { day: quotaDayNow.day };
  if (quota && !(await reserveQuotaMessage(bot.id, bot.dailyMessageQuota!, quota.day))) {
    if (caller.kind !== "owner") noteRefusedMessage(bot.id, quota.day);
    throw new AppError("quota_exceeded", undefined, quotaDayNow.secondsLeft);
  }
  timer?.mark("limits");

  try {
    // Going on with a conversation: its history, read in the same statement that finds it the caller's.
    const stored = request.conversationId ? await conversationHistory(caller, bot, request.conversationId) : null;
    const history = stored ? stored.turns : (request.history ?? []).slice(-HISTORY_WINDOW);
    const sentAt = timeAfter(stored?.lastAt ?? null);
    timer?.mark("history");
    const turns: ChatTurn[] = [...history, { role: "user", content: request.message }];
    const asked = await askBot(bot, turns, request.signal);
    const reply = asked?.reply ?? null;
    timer?.mark("knowledge");
    const first = reply?.next();
    first?.catch(() => {}); // read (and mapped) in replyEvents

    const target: ExchangeTarget = request.conversationId
      ? { isNew: false, id: request.conversationId }
      : { isNew: true, id: newConversationId(), startedAt: sentAt, ...conversationOwnerFields(caller) };
    const visitorMessage = { role: "user" as const, content: request.message, createdAt: sentAt };
    const who = { channel: channelOf(caller), visitorId: caller.kind === "visitor" ? caller.visitorId : undefined };
    return { conversationId: target.id, events: replyEvents(bot, target, who, visitorMessage, reply, first, quota, asked?.sources ?? noSources) };
  } catch (error) {
    // Refused (a conversation not theirs) or failed before the provider answered: the quota is given back.
    if (quota) await countMessages(bot.id, { messages: 0, visitorMessages: -1 }, quota.day).catch(() => {});
    throw error;
  }
}

const noSources = () => [];

/**
 * Asks the bot's provider (null when this server has none for it): the reply as it streams,
 * guarded against quoting the instructions, and how to tell its sources once it has ended.
 * Stores and counts nothing: the caller does (startChat), or not (saved tests, lib/chat/test-run.ts).
 */
export async function askBot(bot: ChatTarget, turns: ChatTurn[], signal?: AbortSignal, defaultFallback?: string) {
  if (!availableProviders().includes(bot.provider)) return null;
  const asked = await replyRequest(bot, turns, signal, defaultFallback);
  const streamed = streamReply(asked.request);
  // The built-in model only ever says its Q&A and messages; an LLM may be talked into quoting its instructions.
  const spans = bot.guardInstructions && bot.provider !== "builtin" ? instructionSpans(bot.systemPrompt) : null;
  return { reply: spans ? guardReply(streamed, spans) : streamed, sources: asked.sources };
}

/**
 * What the provider is asked — the bot's settings, the conversation, and what its knowledge
 * holds for the message — and how to tell, once the reply is written, which sources it used.
 */
async function replyRequest(bot: ChatTarget, history: ChatTurn[], signal?: AbortSignal, defaultFallback?: string): Promise<{ request: ReplyRequest; sources: (reply: string) => ChatSource[] }> {
  const message = history.at(-1)!.content;
  const knowledge = await botKnowledge(bot);
  const base = { provider: bot.provider, model: bot.model, temperature: bot.temperature, maxOutputTokens: bot.maxOutputTokens, history, signal };
  if (bot.provider === "builtin") {
    // The built-in model says the Q&A entry that answers, else the passage that does, else the fallback message.
    const best = await builtinAnswer(knowledge, message);
    // `defaultFallback`: read by a caller that answers after its request's scope (a saved-tests run's stream).
    const fallbackMessage = best || bot.fallbackMessage ? bot.fallbackMessage : (defaultFallback ?? (await getTranslations("chat"))("default_fallback"));
    return {
      request: { ...base, systemPrompt: bot.systemPrompt, fallbackMessage, knowledge: best ? [{ question: best.source.name, answer: best.answer }] : [] },
      sources: () => (best ? [best.source] : []),
    };
  }
  // An LLM gets the best few entries and passages, numbered and labelled, to answer from and cite.
  const found = (await findKnowledge(knowledge, message, { entries: CONTEXT_ENTRIES, passages: CONTEXT_PASSAGES })).slice(0, CONTEXT_ITEMS);
  return {
    request: {
      ...base,
      systemPrompt: groundedSystemPrompt(bot.systemPrompt, contextItems(found)),
      fallbackMessage: bot.fallbackMessage,
      knowledge: found.flatMap((f) => (f.kind === "qa" ? [f.entry] : [])),
    },
    sources: (reply) => citedSources(reply, found),
  };
}

async function* replyEvents(
  bot: ChatTarget,
  target: ExchangeTarget,
  /** Where the exchange happened, for the analytics. */
  who: { channel: Channel; visitorId?: string },
  visitorMessage: NewMessage & { createdAt: Date },
  reply: AsyncGenerator<ReplyEvent> | null,
  first: Promise<IteratorResult<ReplyEvent>> | undefined,
  /** Set when the visitor's message was counted when the quota was taken. */
  quota: { day: string } | null,
  /** The sources the reply used, told from its text once it has ended. */
  sourcesOf: (reply: string) => ChatSource[],
): AsyncGenerator<ChatEvent> {
  let text = "";
  let errorCode: ErrorCode | null = null;
  let finish: ReplyFinish | null = null;
  let sources: ChatSource[] = [];
  // Known before it is stored, so `done` can name it: the reply a visitor rates.
  const replyId = newMessageId();
  try {
    yield { type: "start", conversationId: target.id };
    if (!reply || !first) throw new AiError("provider_not_configured");
    for (let next = await first; !next.done; next = await reply.next()) {
      const event = next.value;
      if (event.type === "text") {
        if (!text) noteFirstToken();
        text += event.text;
        yield event;
      } else finish = event;
    }
  } catch (error) {
    errorCode = error instanceof AiError ? error.code : "server_error";
    if (!(error instanceof AiError)) logRequestError("chat.reply_failed", error);
  } finally {
    // Also when the reader went away mid-reply: close the provider's stream, keep what was said.
    await reply?.return(undefined);
    // Only a reply that said something used its sources.
    sources = text ? sourcesOf(text) : [];
    // A whole reply that used no Q&A entry or source fell back (the owner's unanswered questions).
    const fallback = !!text && !errorCode && sources.length === 0;
    const said: NewMessage[] = text || errorCode
      ? [{ id: replyId, role: "assistant", content: text, provider: bot.provider, model: bot.model, inputTokens: finish?.inputTokens ?? null, outputTokens: finish?.outputTokens ?? null, latencyMs: finish?.latencyMs ?? null, errorCode, sources: sources.length ? JSON.stringify(sources) : null, fallback }]
      : [];
    const answeredAt = timeAfter(visitorMessage.createdAt);
    // The exchange, the day's usage (one upsert, on the day of the quota check) and the analytics
    // side by side; the counts keep the exchange even if storing it failed: the provider was asked.
    const [stored] = await Promise.allSettled([
      storeExchange(bot, target, [visitorMessage, ...said.map((m) => ({ ...m, createdAt: answeredAt }))]),
      countMessages(
        bot.id,
        // A message taken from the quota is counted already, and given back when no token came.
        { messages: 1 + said.length, visitorMessages: quota ? (errorCode && !text ? -1 : 0) : 1 },
        quota?.day ?? quotaDay(visitorMessage.createdAt).day,
      ).catch((error) =>
        logRequestError("chat.count_failed", error),
      ),
      recordExchange({
        bot,
        ...who,
        newConversation: target.isNew,
        at: visitorMessage.createdAt,
        question: visitorMessage.content,
        reply: said.length ? { fallback, failed: !!errorCode, inputTokens: finish?.inputTokens ?? null, outputTokens: finish?.outputTokens ?? null, latencyMs: finish?.latencyMs ?? null } : null,
      }).catch((error) => logRequestError("chat.analytics_failed", error)),
    ]);
    if (stored.status === "rejected") {
      // The visitor saw the reply, but it is not kept: say so rather than "done".
      if (!(stored.reason instanceof AppError)) logRequestError("chat.store_failed", stored.reason);
      errorCode ??= "server_error";
    }
  }
  if (sources.length && !errorCode) yield { type: "sources", sources };
  yield errorCode
    ? { type: "error", code: errorCode }
    : { type: "done", finishReason: finish?.finishReason ?? "stop", messageId: replyId, usage: { inputTokens: finish?.inputTokens ?? null, outputTokens: finish?.outputTokens ?? null } };
}
