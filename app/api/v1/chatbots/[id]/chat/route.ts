import { collectReply } from "@/lib/api/reply";
import { SSE_HEADERS, sseStream } from "@/lib/api/sse";
import { resolveApiKey } from "@/lib/auth/api-keys";
import { startChat } from "@/lib/chat/pipeline";
import { readJsonCapped, refusalResponse } from "@/lib/http/body";
import { problem, problemFrom, statusOf } from "@/lib/http/problem";
import { apiChatSchema } from "@/lib/validation/chat";
import { parseInput } from "@/lib/validation/parse";

export const dynamic = "force-dynamic";

/** A 4,000-character message is at most ~24 KB as JSON (\u escapes); anything beyond this is not a message. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * POST /api/v1/chatbots/{publicId}/chat: the bot's reply for an API key, as one JSON answer or,
 * with `stream: true`, as Server-Sent Events carrying the chat events (lib/chat/wire.ts).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  // The key first: a body without a valid key is never read.
  const key = await resolveApiKey(request);
  if (!key.ok) return problem(key.code, { retryAfter: key.retryAfter });
  const body = await readJsonCapped(request, MAX_BODY_BYTES);
  if (!body.ok) return refusalResponse(body);
  const parsed = parseInput(apiChatSchema, body.data);
  if (!parsed.ok) return problem(parsed.fieldErrors.message === "message_too_long" ? "message_too_long" : "invalid_data", { fieldErrors: parsed.fieldErrors });
  const { stream, ...message } = parsed.data;
  try {
    const reply = await startChat({ caller: key.caller, botId: (await params).id, ...message, signal: request.signal });
    if (stream) return new Response(sseStream(reply.events), { headers: SSE_HEADERS });
    const { errorCode, ...answer } = await collectReply(reply.events);
    const headers = { "Cache-Control": "no-store" };
    if (errorCode) return Response.json({ code: errorCode, conversationId: reply.conversationId, reply: answer.reply }, { status: statusOf(errorCode), headers });
    return Response.json({ conversationId: reply.conversationId, ...answer }, { headers });
  } catch (error) {
    return problemFrom(error);
  }
}
