import "server-only";
import { getTranslations } from "next-intl/server";
import { AiError, availableProviders, streamReply, type ChatTurn, type ReplyEvent, type ReplyFinish, type ReplyRequest } from "@/lib/ai";
import { findBotForChat, type ChatTarget } from "@/lib/db/chatbots";
import { HISTORY_WINDOW, addMessage, continueConversation, recentHistory, startConversation } from "@/lib/db/conversations";
import { conversationOwnerFields, type Caller } from "@/lib/db/scopes";
import { countMessages, messagesToday, quotaDay } from "@/lib/db/usage";
import { AppError, type ErrorCode } from "@/lib/errors";
import { CONTEXT_ENTRIES, groundedSystemPrompt, knowledgeIndex } from "@/lib/knowledge";
import { takeChatMessage, takeVisitorMessage } from "@/lib/security/limits";
import type { StepTimer } from "./timing";
import type { ChatEvent } from "./wire";

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

/** Seconds to wait before this caller may send another message, or 0: a visitor spends per-visitor and per-address budgets. */
const takeMessage = (caller: Caller, bot: ChatTarget) =>
  caller.kind === "visitor"
    ? takeVisitorMessage({ visitorId: caller.visitorId, ip: caller.ip, botId: bot.id })
    : takeChatMessage(caller.kind === "owner" ? caller.id : `key:${caller.keyId}`);

/**
 * The one reply pipeline behind every channel. Refuses (AppError with a code, and a wait where
 * there is one) before the provider is asked; then asks it at once, writes the conversation down
 * while it starts, and returns the reply as events. What the bot said is stored when the events
 * end — also when the visitor stops or leaves half-way.
 */
export async function startChat(request: ChatRequest): Promise<ChatReply> {
  const { caller, timer } = request;
  const bot = await findBotForChat(caller, request.botId);
  timer?.mark("bot");
  if (!bot) throw new AppError("not_found");
  if (!bot.isActive) throw new AppError("bot_inactive");
  // Both refusals come before the provider is asked.
  const wait = await takeMessage(caller, bot);
  if (wait) throw new AppError("too_many_requests", undefined, wait);
  const now = new Date();
  // The quota reads today's usage row, which counts an exchange when its reply ends: requests
  // in flight at that moment can pass together (a soft cap, bounded by the per-minute limits).
  if (bot.dailyMessageQuota !== null && (await messagesToday(bot, now)) >= bot.dailyMessageQuota) {
    throw new AppError("quota_exceeded", undefined, quotaDay(now).secondsLeft);
  }
  timer?.mark("limits");

  const continuing = request.conversationId ? await continueConversation(caller, bot, request.conversationId) : null;
  const history = continuing ? await recentHistory(continuing) : (request.history ?? []).slice(-HISTORY_WINDOW);
  timer?.mark("history");
  const turns: ChatTurn[] = [...history, { role: "user", content: request.message }];
  const reply = availableProviders().includes(bot.provider) ? streamReply(await replyRequest(bot, turns, request.signal)) : null;
  timer?.mark("knowledge");
  // Asked for now, so the provider works while the conversation is being written down.
  const first = reply?.next();
  first?.catch(() => {}); // read (and mapped) in replyEvents

  const visitorMessage = { role: "user" as const, content: request.message };
  let conversationId: string;
  let visitorMessageSaved: Promise<unknown> = Promise.resolve();
  try {
    if (continuing) {
      conversationId = continuing;
      visitorMessageSaved = addMessage(bot, continuing, visitorMessage);
    } else {
      const { source, ...who } = conversationOwnerFields(caller);
      conversationId = await startConversation(bot, source, visitorMessage, who);
    }
  } catch (error) {
    await reply?.return(undefined);
    throw error;
  }
  timer?.mark("store");
  return { conversationId, events: replyEvents(bot, conversationId, reply, first, visitorMessageSaved, quotaDay(now).day) };
}

/** What the provider is asked: the bot's settings, the conversation, and what its Q&A knows. */
async function replyRequest(bot: ChatTarget, history: ChatTurn[], signal?: AbortSignal): Promise<ReplyRequest> {
  const message = history.at(-1)!.content;
  const index = await knowledgeIndex(bot);
  const base = { provider: bot.provider, model: bot.model, temperature: bot.temperature, maxOutputTokens: bot.maxOutputTokens, history, signal };
  if (bot.provider === "builtin") {
    // The built-in model answers with the best entry, or the fallback message.
    const best = index.bestAnswer(message);
    const fallbackMessage = best || bot.fallbackMessage ? bot.fallbackMessage : (await getTranslations("chat"))("default_fallback");
    return { ...base, systemPrompt: bot.systemPrompt, fallbackMessage, knowledge: best ? [best] : [] };
  }
  // An LLM gets the best few entries as grounded context.
  const entries = index.search(message, CONTEXT_ENTRIES).map((m) => m.entry);
  return { ...base, systemPrompt: groundedSystemPrompt(bot.systemPrompt, entries), fallbackMessage: bot.fallbackMessage, knowledge: entries };
}

async function* replyEvents(
  bot: ChatTarget,
  conversationId: string,
  reply: AsyncGenerator<ReplyEvent> | null,
  first: Promise<IteratorResult<ReplyEvent>> | undefined,
  visitorMessageSaved: Promise<unknown>,
  day: string,
): AsyncGenerator<ChatEvent> {
  let text = "";
  let errorCode: ErrorCode | null = null;
  let finish: ReplyFinish | null = null;
  try {
    yield { type: "start", conversationId };
    if (!reply || !first) throw new AiError("provider_not_configured");
    for (let next = await first; !next.done; next = await reply.next()) {
      const event = next.value;
      if (event.type === "text") {
        text += event.text;
        yield event;
      } else finish = event;
    }
  } catch (error) {
    errorCode = error instanceof AiError ? error.code : "server_error";
    if (!(error instanceof AiError)) console.error(error);
  } finally {
    // Also when the reader went away mid-reply: close the provider's stream, keep what was said.
    await reply?.return(undefined);
    const visitorStored = await visitorMessageSaved.then(
      () => 1,
      (error) => (console.error("could not store the visitor's message", error), 0),
    );
    const replied = text || errorCode ? 1 : 0;
    // The reply and the day's usage (both messages in one upsert) are written side by side.
    await Promise.all([
      replied &&
        addMessage(bot, conversationId, {
          role: "assistant",
          content: text,
          provider: bot.provider,
          model: bot.model,
          inputTokens: finish?.inputTokens ?? null,
          outputTokens: finish?.outputTokens ?? null,
          latencyMs: finish?.latencyMs ?? null,
          errorCode,
        }).catch((error) => console.error("could not store the reply", error)),
      countMessages(bot.id, { messages: visitorStored + replied, visitorMessages: visitorStored }, day).catch((error) =>
        console.error("could not count the messages", error),
      ),
    ]);
  }
  yield errorCode
    ? { type: "error", code: errorCode }
    : { type: "done", finishReason: finish?.finishReason ?? "stop", usage: { inputTokens: finish?.inputTokens ?? null, outputTokens: finish?.outputTokens ?? null } };
}
