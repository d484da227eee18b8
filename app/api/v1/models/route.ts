import { openAiError } from "@/lib/api/openai";
import { resolveApiKey } from "@/lib/auth/api-keys";
import { listApiKeyBots } from "@/lib/db/chatbots";
import { logRequestError } from "@/lib/ops/log";

export const dynamic = "force-dynamic";

/** GET /api/v1/models: the bots this key may use now, as OpenAI models named by their public ids. Nothing else of the bot or its owner. */
export async function GET(request: Request) {
  const key = await resolveApiKey(request);
  if (!key.ok) return openAiError(key.code, { retryAfter: key.retryAfter });
  try {
    const bots = await listApiKeyBots(key.caller);
    const data = bots.map((b) => ({ id: b.publicId, object: "model" as const, created: Math.floor(b.createdAt.getTime() / 1000), owned_by: "chatbot-factory" }));
    return Response.json({ object: "list", data }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    logRequestError("api.models.failed", error);
    return openAiError("server_error");
  }
}
