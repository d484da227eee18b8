import "server-only";
import { builtinModel } from "./builtin";
import { configuredRemoteProviders, remoteModel } from "./remote";
import type { ChatModel, ProviderId, ReplyEvent, ReplyRequest } from "./types";

export * from "./types";

const MODELS: Record<ProviderId, ChatModel> = {
  builtin: builtinModel,
  openai: remoteModel("openai"),
  gemini: remoteModel("gemini"),
  anthropic: remoteModel("anthropic"),
};

/** Providers a bot may use on this server: the built-in one always, the others when configured. */
export function availableProviders(): ProviderId[] {
  return ["builtin", ...configuredRemoteProviders()];
}

/** Model names offered as suggestions in the bot form (any name may be typed). */
export const MODEL_SUGGESTIONS: Record<ProviderId, string[]> = {
  builtin: ["qa"],
  openai: ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "llama3.2", "mistral"],
  gemini: ["gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.0-flash"],
  anthropic: ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"],
};

/**
 * The one entry point: streams the bot's reply as text chunks, then a finish event with the
 * finish reason, token usage, total latency and time to first token. Throws AiError.
 */
export async function* streamReply(request: ReplyRequest): AsyncGenerator<ReplyEvent> {
  const started = performance.now();
  let firstTokenMs: number | null = null;
  for await (const event of MODELS[request.provider](request)) {
    if (event.type === "text") {
      firstTokenMs ??= performance.now() - started;
      yield event;
    } else {
      yield { ...event, latencyMs: Math.round(performance.now() - started), firstTokenMs: firstTokenMs === null ? null : Math.round(firstTokenMs) };
      return;
    }
  }
}
