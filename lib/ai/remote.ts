import "server-only";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { APICallError, streamText, type LanguageModel } from "ai";
import { env } from "@/lib/env";
import { AiError, type AiErrorCode, type ChatModel, type ProviderId } from "./types";
import { log } from "@/lib/ops/log";

type RemoteProvider = Exclude<ProviderId, "builtin">;

/** Which remote providers the server is configured for (a key, or a base URL for local servers). */
export function configuredRemoteProviders(): RemoteProvider[] {
  const e = env();
  return [
    ...(e.OPENAI_API_KEY || e.OPENAI_BASE_URL ? (["openai"] as const) : []),
    ...(e.GEMINI_API_KEY ? (["gemini"] as const) : []),
    ...(e.ANTHROPIC_API_KEY ? (["anthropic"] as const) : []),
  ];
}

/** Provider clients and their models, made once per process (the configuration does not change while it runs). */
const models = new Map<string, LanguageModel>();
const MODELS_KEPT = 200;

function languageModel(provider: RemoteProvider, model: string): LanguageModel {
  const key = `${provider}\u0000${model}`;
  let made = models.get(key);
  if (!made) {
    made = createLanguageModel(provider, model);
    if (models.size >= MODELS_KEPT) models.delete(models.keys().next().value!);
    models.set(key, made);
  }
  return made;
}

function createLanguageModel(provider: RemoteProvider, model: string): LanguageModel {
  const e = env();
  switch (provider) {
    case "openai":
      // .chat(): the Chat Completions API, which every OpenAI-compatible server speaks.
      return createOpenAI({ apiKey: e.OPENAI_API_KEY ?? "not-needed", baseURL: e.OPENAI_BASE_URL }).chat(model);
    case "gemini":
      return createGoogleGenerativeAI({ apiKey: e.GEMINI_API_KEY, baseURL: e.GEMINI_BASE_URL })(model);
    case "anthropic":
      return createAnthropic({ apiKey: e.ANTHROPIC_API_KEY, baseURL: e.ANTHROPIC_BASE_URL })(model);
  }
}

/** A provider's failure as one of our codes. The original is logged without keys (none are in it). */
function toAiError(error: unknown, timedOut: boolean): AiError {
  if (error instanceof AiError) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message} ${String(error.cause ?? "")}` : safeJson(error);
  let code: AiErrorCode = "provider_error";
  if (timedOut) code = "provider_timeout";
  else if (/JSON|pars(e|ing)|validation/i.test(detail)) code = "provider_bad_response";
  else if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === 401 || status === 403) code = "provider_auth";
    else if (status === 429) code = "provider_rate_limited";
    else if (status === undefined) code = "provider_unreachable";
    else if (status < 500) code = "provider_bad_response";
  } else if (/fetch failed|ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|socket/i.test(detail)) {
    code = "provider_unreachable";
  }
  log("error", "ai.provider_error", { code, detail: detail.slice(0, 500) });
  return new AiError(code);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function remoteModel(provider: RemoteProvider): ChatModel {
  return async function* (request) {
    if (!configuredRemoteProviders().includes(provider)) throw new AiError("provider_not_configured");
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), request.timeoutMs ?? env().AI_TIMEOUT_SECONDS * 1000);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    try {
      const result = streamText({
        model: languageModel(provider, request.model),
        system: request.systemPrompt || undefined,
        messages: request.history,
        temperature: request.temperature,
        maxOutputTokens: request.maxOutputTokens,
        abortSignal: signal,
        maxRetries: 0,
        // Errors arrive as stream parts and are mapped below; the SDK's own logging would repeat them.
        onError: () => {},
      });
      for await (const part of result.fullStream) {
        if (part.type === "text-delta" && part.text) yield { type: "text", text: part.text };
        else if (part.type === "error") throw toAiError(part.error, timeout.signal.aborted);
        else if (part.type === "abort") {
          if (timeout.signal.aborted) throw new AiError("provider_timeout");
          return yield { type: "finish", finishReason: "aborted", inputTokens: null, outputTokens: null };
        } else if (part.type === "finish") {
          yield {
            type: "finish",
            finishReason: part.finishReason,
            inputTokens: part.totalUsage.inputTokens ?? null,
            outputTokens: part.totalUsage.outputTokens ?? null,
          };
        }
      }
    } catch (error) {
      if (request.signal?.aborted && !timeout.signal.aborted) {
        return yield { type: "finish", finishReason: "aborted", inputTokens: null, outputTokens: null };
      }
      throw toAiError(error, timeout.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  };
}
