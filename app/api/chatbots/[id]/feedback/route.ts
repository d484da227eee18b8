import { ownerCaller } from "@/lib/auth/caller";
import { rateReply } from "@/lib/db/feedback";
import { readJsonCapped, refusalResponse } from "@/lib/http/body";
import { problem, problemFrom } from "@/lib/http/problem";
import { refuseForeignRequest } from "@/lib/http/same-origin";
import { feedbackSchema } from "@/lib/validation/feedback";
import { parseInput } from "@/lib/validation/parse";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 8 * 1024;

/** The playground: the owner rates one of their bot's replies (thumbs up or down, optional comment). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const foreign = refuseForeignRequest(request, { json: true });
  if (foreign) return foreign;
  const caller = await ownerCaller();
  if (!caller) return problem("unauthenticated");
  const body = await readJsonCapped(request, MAX_BODY_BYTES);
  if (!body.ok) return refusalResponse(body);
  const parsed = parseInput(feedbackSchema, body.data);
  if (!parsed.ok) return problem("invalid_data", { fieldErrors: parsed.fieldErrors });
  try {
    await rateReply(caller, (await params).id, parsed.data);
    return new Response(null, { status: 204 });
  } catch (error) {
    return problemFrom(error);
  }
}
