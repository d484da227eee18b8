// The provider adapter's contract: everything outside lib/ai speaks only these types.

export const PROVIDERS = ["builtin", "openai", "gemini", "anthropic"] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export type ChatTurn = { role: "user" | "assistant"; content: string };
export type KnowledgeEntry = { question: string; answer: string };

export type ReplyRequest = {
  provider: ProviderId;
  model: string;
  systemPrompt: string;
  temperature: number;
  maxOutputTokens: number;
  /** What the built-in model says when no Q&A entry fits. */
  fallbackMessage: string;
  /** The bot's Q&A entries retrieval picked for this message, best first (the built-in model says the first). */
  knowledge: KnowledgeEntry[];
  /** The conversation so far, oldest first, ending with the visitor's message. */
  history: ChatTurn[];
  signal?: AbortSignal;
  /** Overrides the configured provider timeout (tests). */
  timeoutMs?: number;
};

export type ReplyFinish = {
  type: "finish";
  /** "stop", "length" (token cap reached), "aborted" (visitor left or pressed Stop), … */
  finishReason: string;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number;
  firstTokenMs: number | null;
};

export type ReplyEvent = { type: "text"; text: string } | ReplyFinish;

export const AI_ERROR_CODES = [
  "provider_not_configured",
  "provider_unreachable",
  "provider_auth",
  "provider_rate_limited",
  "provider_timeout",
  "provider_bad_response",
  "provider_error",
  // Not the provider's failure: the reply began to quote the bot's instructions (lib/chat/guard.ts).
  "reply_withheld",
] as const;
export type AiErrorCode = (typeof AI_ERROR_CODES)[number];

/** A provider failure, by code only: no key, URL or provider text ever travels with it. */
export class AiError extends Error {
  constructor(readonly code: AiErrorCode) {
    super(code);
    this.name = "AiError";
  }
}

/** One implementation per provider: stream the reply as text chunks, then one finish event. */
export type ChatModel = (request: ReplyRequest) => AsyncIterable<{ type: "text"; text: string } | Omit<ReplyFinish, "latencyMs" | "firstTokenMs">>;
