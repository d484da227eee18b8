import { getTranslations } from "next-intl/server";
import { availableProviders, AiError, streamReply, type ProviderId } from "@/lib/ai";
import { getSessionUser } from "@/lib/auth/session";
import { findChatbot } from "@/lib/db/chatbots";
import { addMessage, openConversation, recentHistory } from "@/lib/db/conversations";
import { listKnowledge } from "@/lib/db/knowledge";
import { AppError, type ErrorCode } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { chatMessageSchema } from "@/lib/validation/chat";

export const dynamic = "force-dynamic";

const problem = (status: number, code: ErrorCode, fieldErrors?: Record<string, string>) =>
  Response.json({ code, ...(fieldErrors ? { fieldErrors } : {}) }, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The playground's chat: one visitor message in, the bot's reply streamed out as NDJSON events
 * ({type:"start"|"text"|"done"|"error"}). Checks the session and the bot's owner itself; the
 * visitor's message is stored before the provider is called, so a failure loses nothing.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user) return problem(401, "unauthenticated");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return problem(400, "invalid_data");
  }
  const parsed = parseInput(chatMessageSchema, body);
  if (!parsed.ok) return problem(400, parsed.fieldErrors.message === "message_too_long" ? "message_too_long" : "invalid_data", parsed.fieldErrors);

  const bot = await findChatbot(user, (await params).id);
  if (!bot) return problem(404, "not_found");
  if (!bot.isActive) return problem(409, "bot_inactive");

  let conversationId: string;
  let history;
  try {
    conversationId = await openConversation(user, bot.id, parsed.data.conversationId ?? null);
    history = await recentHistory(user, conversationId);
    await addMessage(user, conversationId, { role: "user", content: parsed.data.message });
  } catch (error) {
    if (error instanceof AppError) return problem(error.code === "not_found" ? 404 : 400, error.code);
    throw error;
  }
  const provider = bot.provider as ProviderId;
  const knowledge = provider === "builtin" ? await listKnowledge(user, bot.id) : [];
  const fallbackMessage = bot.fallbackMessage || (await getTranslations("chat"))("default_fallback");

  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      const send = (event: object) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      send({ type: "start", conversationId });
      let reply = "";
      let errorCode: ErrorCode | null = null;
      let finish: { finishReason: string; inputTokens: number | null; outputTokens: number | null; latencyMs: number } | null = null;
      try {
        if (!availableProviders().includes(provider)) throw new AiError("provider_not_configured");
        for await (const event of streamReply({
          provider,
          model: bot.model,
          systemPrompt: bot.systemPrompt,
          temperature: bot.temperature,
          maxOutputTokens: bot.maxOutputTokens,
          fallbackMessage,
          knowledge,
          history: [...history, { role: "user", content: parsed.data.message }],
          signal: request.signal,
        })) {
          if (event.type === "text") {
            reply += event.text;
            send(event);
          } else finish = event;
        }
      } catch (error) {
        errorCode = error instanceof AiError ? error.code : "server_error";
        if (!(error instanceof AiError)) console.error(error);
      }
      // What was said is kept, even when the visitor stopped it half-way.
      if (reply || errorCode) {
        await addMessage(user, conversationId, {
          role: "assistant",
          content: reply,
          provider,
          model: bot.model,
          inputTokens: finish?.inputTokens ?? null,
          outputTokens: finish?.outputTokens ?? null,
          latencyMs: finish?.latencyMs ?? null,
          errorCode,
        }).catch((error) => console.error("could not store the reply", error));
      }
      try {
        send(errorCode ? { type: "error", code: errorCode } : { type: "done", finishReason: finish?.finishReason ?? "stop" });
        controller.close();
      } catch {
        // the visitor has gone
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
}
