import { completionChunks, completionResponse, openAiError, parseCompletionRequest } from "@/lib/api/openai";
import { collectReply } from "@/lib/api/reply";
import { SSE_HEADERS, sseStream } from "@/lib/api/sse";
import { resolveApiKey } from "@/lib/auth/api-keys";
import { startChat } from "@/lib/chat/pipeline";
import { AppError } from "@/lib/errors";
import { readJsonCapped } from "@/lib/http/body";
import { logRequestError } from "@/lib/ops/log";

export const dynamic = "force-dynamic";

/** The window of 21 messages of 4,000 characters fits easily; clients send their whole history, so leave room. */
const MAX_BODY_BYTES = 1024 * 1024;

/** POST /api/v1/chat/completions: OpenAI's Chat Completions, `model` being the bot's public id. */
export async function POST(request: Request) {
  // The key first: a body without a valid key is never read.
  const key = await resolveApiKey(request);
  if (!key.ok) return openAiError(key.code, { retryAfter: key.retryAfter });
  const body = await readJsonCapped(request, MAX_BODY_BYTES);
  if (!body.ok) return openAiError(body.code);
  const parsed = parseCompletionRequest(body.data);
  if (!parsed.ok) return openAiError(parsed.code, { param: parsed.param });
  const { model, message, history, stream, includeUsage } = parsed.data;
  try {
    const reply = await startChat({ caller: key.caller, botId: model, message, history, signal: request.signal });
    if (stream) return new Response(sseStream(completionChunks(model, reply.conversationId, reply.events, includeUsage)), { headers: SSE_HEADERS });
    const collected = await collectReply(reply.events);
    if (collected.errorCode) return openAiError(collected.errorCode);
    return Response.json(completionResponse(model, reply.conversationId, collected), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return openAiError(error.code === "not_found" ? "model_not_found" : error.code, { retryAfter: error.retryAfter, param: error.code === "not_found" ? "model" : undefined });
    logRequestError("api.chat.failed", error);
    return openAiError("server_error");
  }
}
