import { resolveApiKey } from "@/lib/auth/api-keys";
import { listCallerConversations } from "@/lib/db/conversations";
import { problem, problemFrom } from "@/lib/http/problem";

export const dynamic = "force-dynamic";

/** GET /api/v1/chatbots/{publicId}/conversations?page=N: the conversations this key started with the bot, newest first. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const key = await resolveApiKey(request);
  if (!key.ok) return problem(key.code, { retryAfter: key.retryAfter });
  const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
  try {
    const list = await listCallerConversations(key.caller, (await params).id, Number.isFinite(page) ? page : 1);
    return Response.json({ data: list.items, page: list.page, pages: list.pages, total: list.total }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return problemFrom(error);
  }
}
