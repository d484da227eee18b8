import { getTranslations } from "next-intl/server";
import { availableProviders, AiError, streamReply, type ProviderId, type ReplyEvent, type ReplyFinish } from "@/lib/ai";
import { getSessionUser } from "@/lib/auth/session";
import { findChatbot } from "@/lib/db/chatbots";
import { addMessage, messagesToday, openConversation, quotaDay, recentHistory } from "@/lib/db/conversations";
import { listKnowledge } from "@/lib/db/knowledge";
import { AppError, type ErrorCode } from "@/lib/errors";
import { readJsonCapped, refusalResponse } from "@/lib/http/body";
import { takeChatMessage } from "@/lib/security/limits";
import { parseInput } from "@/lib/validation/parse";
import { chatMessageSchema } from "@/lib/validation/chat";

export const dynamic = "force-dynamic";

/** A 4,000-character message is at most ~24 KB as JSON (\u escapes); anything beyond this is not a message. */
const MAX_CHAT_BODY_BYTES = 64 * 1024;

const problem = (status: number, code: ErrorCode, fieldErrors?: Record<string, string>) =>
  Response.json({ code, ...(fieldErrors ? { fieldErrors } : {}) }, { status, headers: { "Cache-Control": "no-store" } });

const tooMany = (code: ErrorCode, retryAfter: number) =>
  Response.json({ code, retryAfter }, { status: 429, headers: { "Cache-Control": "no-store", "Retry-After": String(retryAfter) } });

/**
 * The playground's chat: one visitor message in, the bot's reply streamed out as NDJSON events
 * ({type:"start"|"text"|"done"|"error"}). Checks the session and the bot's owner itself; the
 * visitor's message is stored before the provider is called, so a failure loses nothing.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  // The session first: an anonymous body is never read. Then the body, capped (lib/http/body.ts).
  const [user, { id }] = await Promise.all([getSessionUser(), params]);
  if (!user) return problem(401, "unauthenticated");
  const body = await readJsonCapped(request, MAX_CHAT_BODY_BYTES);
  if (!body.ok) return refusalResponse(body);
  const parsed = parseInput(chatMessageSchema, body.data);
  if (!parsed.ok) return problem(400, parsed.fieldErrors.message === "message_too_long" ? "message_too_long" : "invalid_data", parsed.fieldErrors);

  const bot = await findChatbot(user, id);
  if (!bot) return problem(404, "not_found");
  if (!bot.isActive) return problem(409, "bot_inactive");
  // Both refusals come before the provider is asked (SECURITY.md #36).
  const wait = await takeChatMessage(user.id);
  if (wait) return tooMany("too_many_requests", wait);
  if (bot.dailyMessageQuota !== null && (await messagesToday(user, bot.id)) >= bot.dailyMessageQuota) {
    return tooMany("quota_exceeded", quotaDay().secondsLeft);
  }
  const provider = bot.provider as ProviderId;
  const builtin = provider === "builtin";
  const continuing = parsed.data.conversationId ?? null;

  let conversationId: string;
  let history: Awaited<ReturnType<typeof recentHistory>> = [];
  let knowledge: Awaited<ReturnType<typeof listKnowledge>> = [];
  let fallbackMessage = bot.fallbackMessage;
  // The reply, once asked for, and its first event (closures assign it; an object keeps TS honest).
  const pending: { reply?: AsyncGenerator<ReplyEvent>; first?: Promise<IteratorResult<ReplyEvent>> } = {};
  const startReply = () => {
    if (!availableProviders().includes(provider)) return;
    pending.reply = streamReply({
      provider,
      model: bot.model,
      systemPrompt: bot.systemPrompt,
      temperature: bot.temperature,
      maxOutputTokens: bot.maxOutputTokens,
      fallbackMessage,
      knowledge,
      history: [...history, { role: "user", content: parsed.data.message }],
      signal: request.signal,
    });
    // Asked for now, so the provider works while the conversation is being written down.
    pending.first = pending.reply.next();
    pending.first.catch(() => {}); // read (and mapped) below
  };
  try {
    if (builtin) {
      knowledge = await listKnowledge(user, bot.id);
      fallbackMessage ||= (await getTranslations("chat"))("default_fallback");
    }
    if (continuing) {
      conversationId = await openConversation(user, bot.id, continuing);
      history = await recentHistory(user, conversationId);
      startReply();
    } else {
      startReply();
      conversationId = await openConversation(user, bot.id, null);
    }
  } catch (error) {
    await pending.reply?.return(undefined);
    if (error instanceof AppError) return problem(error.code === "not_found" ? 404 : 400, error.code);
    throw error;
  }
  // Written while the provider starts; the reply is written only after it, so nothing is lost.
  const userMessageSaved = addMessage(user, conversationId, { role: "user", content: parsed.data.message });

  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      const send = (event: object) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      send({ type: "start", conversationId });
      let text = "";
      let errorCode: ErrorCode | null = null;
      let finish: ReplyFinish | null = null;
      try {
        const { reply, first } = pending;
        if (!reply || !first) throw new AiError("provider_not_configured");
        for (let next = await first; !next.done; next = await reply.next()) {
          const event = next.value;
          if (event.type === "text") {
            text += event.text;
            send(event);
          } else finish = event;
        }
      } catch (error) {
        errorCode = error instanceof AiError ? error.code : "server_error";
        if (!(error instanceof AiError)) console.error(error);
      }
      await userMessageSaved.catch((error) => console.error("could not store the visitor's message", error));
      // What was said is kept, even when the visitor stopped it half-way.
      if (text || errorCode) {
        await addMessage(user, conversationId, {
          role: "assistant",
          content: text,
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
