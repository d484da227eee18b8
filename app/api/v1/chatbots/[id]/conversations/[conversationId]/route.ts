import { resolveApiKey } from "@/lib/auth/api-keys";
import { getCallerConversation } from "@/lib/db/conversations";
import { problem, problemFrom } from "@/lib/http/problem";

export const dynamic = "force-dynamic";

/** GET /api/v1/chatbots/{publicId}/conversations/{conversationId}: one conversation this key started, with its messages. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; conversationId: string }> }) {
  const key = await resolveApiKey(request);
  if (!key.ok) return problem(key.code, { retryAfter: key.retryAfter });
  const { id, conversationId } = await params;
  try {
    return Response.json(await getCallerConversation(key.caller, id, conversationId), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return problemFrom(error);
  }
}
