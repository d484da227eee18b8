import { z } from "zod";
import type { ChatTurn } from "@/lib/ai/types";
import type { ChatEvent, ChatSource } from "@/lib/chat/wire";
import type { ErrorCode } from "@/lib/errors";
import { statusOf } from "@/lib/http/problem";
import { HISTORY_WINDOW, MESSAGE_MAX } from "@/lib/validation/chat";
import type { CollectedReply } from "./reply";

// The OpenAI Chat Completions shape, mapped to and from the chat pipeline. The bot answers as it
// would anywhere: its own instructions and settings win, so the caller's `system` / `developer`
// messages, temperature, token cap, tools and the like are ignored; the caller's messages are
// the history, bounded to the playground's window (HISTORY_WINDOW), each at most MESSAGE_MAX.

/** The error codes this endpoint answers with: the app's, and OpenAI's for an unknown model. */
export type OpenAiErrorCode = ErrorCode | "model_not_found";

const requestSchema = z.looseObject({
  model: z.string().min(1).max(128),
  messages: z.array(z.looseObject({ role: z.string(), content: z.unknown().optional() })).min(1).max(10_000),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
});

export type CompletionRequest = {
  /** The bot's public id. */
  model: string;
  /** The last user message: what the bot answers. */
  message: string;
  /** The turns before it, oldest first, at most HISTORY_WINDOW. */
  history: ChatTurn[];
  stream: boolean;
  includeUsage: boolean;
};

export type MappingResult = { ok: true; data: CompletionRequest } | { ok: false; code: "invalid_data" | "message_too_long" | "required"; param: string };

/** A message's text: a string, or text parts joined; null for anything else (images, audio). */
function textOf(content: unknown): string | null {
  if (typeof content === "string") return content;
  if (Array.isArray(content) && content.every((p) => p && typeof p === "object" && p.type === "text" && typeof p.text === "string")) {
    return content.map((p) => p.text as string).join("");
  }
  return null;
}

/** An OpenAI chat-completions request body as the pipeline's message and history, or why not. */
export function parseCompletionRequest(body: unknown): MappingResult {
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, code: "invalid_data", param: String(parsed.error.issues[0]?.path[0] ?? "body") };
  const { model, messages, stream, stream_options } = parsed.data;

  // Only the conversation's user and assistant turns count; the bot's instructions are its own.
  const turns: (ChatTurn & { index: number })[] = [];
  for (const [index, m] of messages.entries()) {
    if (m.role === "system" || m.role === "developer" || m.role === "tool" || m.role === "function") continue;
    if (m.role !== "user" && m.role !== "assistant") return { ok: false, code: "invalid_data", param: `messages[${index}].role` };
    // An assistant turn that only called tools has no text to remember.
    if (m.role === "assistant" && (m.content === null || m.content === undefined)) continue;
    const text = textOf(m.content);
    if (text === null) return { ok: false, code: "invalid_data", param: `messages[${index}].content` };
    turns.push({ role: m.role, content: text, index });
  }
  const last = turns.at(-1);
  if (!last || last.role !== "user") return { ok: false, code: "invalid_data", param: "messages" };
  // The window the bot sees: the message and the earlier turns the playground would give it.
  const window = turns.slice(-(HISTORY_WINDOW + 1));
  const tooLong = window.find((t) => t.content.length > MESSAGE_MAX);
  if (tooLong) return { ok: false, code: "message_too_long", param: `messages[${tooLong.index}].content` };
  const message = last.content.trim();
  if (!message) return { ok: false, code: "required", param: `messages[${last.index}].content` };
  return {
    ok: true,
    data: {
      model,
      message,
      history: window.slice(0, -1).map(({ role, content }) => ({ role, content })),
      stream: stream ?? false,
      includeUsage: stream_options?.include_usage ?? false,
    },
  };
}

/** Our finish reasons (the AI SDK's) in OpenAI's words. */
export function finishReasonOf(reason: string): "stop" | "length" | "content_filter" | "tool_calls" {
  if (reason === "length") return "length";
  if (reason === "content-filter") return "content_filter";
  if (reason === "tool-calls") return "tool_calls";
  return "stop";
}

const usageOf = (usage: CollectedReply["usage"]) => {
  const prompt = usage.inputTokens ?? 0;
  const completion = usage.outputTokens ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
};

/** The completion's id names the stored conversation, so the owner can find it. */
export const completionId = (conversationId: string) => `chatcmpl-${conversationId}`;

/**
 * A whole reply as a `chat.completion`. One field beyond OpenAI's: `choices[0].message.sources`,
 * where the answer came from (lib/chat/wire.ts ChatSource; empty when none), documented in the OpenAPI description.
 */
export function completionResponse(model: string, conversationId: string, reply: CollectedReply, created = Math.floor(Date.now() / 1000)) {
  return {
    id: completionId(conversationId),
    object: "chat.completion" as const,
    created,
    model,
    choices: [{ index: 0, message: { role: "assistant" as const, content: reply.reply, refusal: null, sources: reply.sources }, logprobs: null, finish_reason: finishReasonOf(reply.finishReason) }],
    usage: usageOf(reply.usage),
  };
}

/**
 * The pipeline's events as `chat.completion.chunk`s, ended by `[DONE]`: the role first, then the
 * text as it comes, the finish reason (its delta with the extra `sources` field), and the usage when asked for. A provider failure half-way
 * is sent as an `{ error }` event (the openai client throws it) and ends the stream.
 */
export async function* completionChunks(model: string, conversationId: string, events: AsyncIterable<ChatEvent>, includeUsage: boolean, created = Math.floor(Date.now() / 1000)) {
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    id: completionId(conversationId),
    object: "chat.completion.chunk" as const,
    created,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  yield chunk({ role: "assistant", content: "" }, null);
  let sources: ChatSource[] = [];
  for await (const event of events) {
    if (event.type === "text") yield chunk({ content: event.text }, null);
    else if (event.type === "sources") sources = event.sources;
    else if (event.type === "error") {
      yield openAiErrorBody(event.code as OpenAiErrorCode);
      return;
    } else if (event.type === "done") {
      // The extra field again: the finishing chunk's delta carries the reply's sources.
      yield chunk({ sources }, finishReasonOf(event.finishReason));
      if (includeUsage) {
        yield { id: completionId(conversationId), object: "chat.completion.chunk" as const, created, model, choices: [], usage: usageOf(event.usage ?? { inputTokens: null, outputTokens: null }) };
      }
    }
  }
  yield "[DONE]";
}

// What a developer reads in the client's exception. The API speaks to programs, so these are
// English, like OpenAI's own; `code` is the part to act on.
const MESSAGES: Partial<Record<OpenAiErrorCode, string>> = {
  api_key_invalid: "Incorrect API key provided. Use Authorization: Bearer cbf_…",
  api_key_revoked: "This API key has been revoked.",
  api_key_expired: "This API key has expired.",
  model_not_found: "The model does not exist or this key may not use it (use a bot's public id with its API switched on).",
  not_found: "Not found, or this key may not use it.",
  bot_inactive: "This bot is switched off.",
  too_many_requests: "Too many requests for this key. Retry after the time in the Retry-After header.",
  quota_exceeded: "This bot has used its daily message quota.",
  message_too_long: `A message is too long (${MESSAGE_MAX} characters at most).`,
  required: "The last user message is empty.",
  invalid_data: "The request body is not a valid chat completion request.",
  payload_too_large: "The request body is too large.",
  provider_not_configured: "This bot's AI provider is not set up on this server.",
  provider_unreachable: "The bot's AI provider could not be reached.",
  provider_auth: "The bot's AI provider refused this server's key.",
  provider_rate_limited: "The bot's AI provider is busy.",
  provider_timeout: "The bot's AI provider took too long to answer.",
  provider_bad_response: "The bot's AI provider sent an answer that could not be read.",
  provider_error: "The bot's AI provider had a problem.",
  reply_withheld: "The reply was withheld because it quoted the bot's instructions.",
  server_error: "The server had a problem.",
};

export const openAiStatusOf = (code: OpenAiErrorCode) => (code === "model_not_found" ? 404 : code === "required" ? 400 : statusOf(code));

function typeOf(status: number) {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

/** `{ error: { message, type, code, param } }`, the shape the openai client reads. */
export function openAiErrorBody(code: OpenAiErrorCode, param: string | null = null) {
  return { error: { message: MESSAGES[code] ?? code, type: typeOf(openAiStatusOf(code)), code, param } };
}

/**
 * An error as the openai client expects it: the body above with the status it maps to an
 * exception class. Only a per-key limit invites the client's automatic retry (after Retry-After):
 * retrying anything else would fail again or spend the bot's quota twice.
 */
export function openAiError(code: OpenAiErrorCode, { retryAfter, param }: { retryAfter?: number; param?: string } = {}): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (retryAfter) headers["Retry-After"] = String(retryAfter);
  if (code !== "too_many_requests") headers["x-should-retry"] = "false";
  return Response.json(openAiErrorBody(code, param ?? null), { status: openAiStatusOf(code), headers });
}
