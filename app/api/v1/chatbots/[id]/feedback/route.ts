import { resolveApiKey } from "@/lib/auth/api-keys";
import { rateReply } from "@/lib/db/feedback";
import { readJsonCapped, refusalResponse } from "@/lib/http/body";
import { problem, problemFrom } from "@/lib/http/problem";
import { feedbackSchema } from "@/lib/validation/feedback";
import { parseInput } from "@/lib/validation/parse";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 8 * 1024;

/**
 * POST /api/v1/chatbots/{publicId}/feedback `{ messageId, rating: 1 | -1, comment? }`: rates a reply
 * of a conversation this key started (the `messageId` of the chat answer). 204, or 404 for any other.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const key = await resolveApiKey(request);
  if (!key.ok) return problem(key.code, { retryAfter: key.retryAfter });
  const body = await readJsonCapped(request, MAX_BODY_BYTES);
  if (!body.ok) return refusalResponse(body);
  const parsed = parseInput(feedbackSchema, body.data);
  if (!parsed.ok) return problem("invalid_data", { fieldErrors: parsed.fieldErrors });
  try {
    await rateReply(key.caller, (await params).id, parsed.data);
    return new Response(null, { status: 204 });
  } catch (error) {
    return problemFrom(error);
  }
}
