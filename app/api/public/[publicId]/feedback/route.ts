import { visitorCaller } from "@/lib/auth/visitor";
import { rateReply } from "@/lib/db/feedback";
import { readJsonCapped, refusalResponse } from "@/lib/http/body";
import { problem, problemFrom } from "@/lib/http/problem";
import { refuseForeignRequest } from "@/lib/http/same-origin";
import { publicIdSchema } from "@/lib/validation/channels";
import { publicFeedbackSchema } from "@/lib/validation/feedback";
import { parseInput } from "@/lib/validation/parse";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 8 * 1024;

/** A visitor of the public page or widget rates a reply of their own conversation. */
export async function POST(request: Request, { params }: { params: Promise<{ publicId: string }> }) {
  // As the chat route: only our own pages post here, with JSON.
  const foreign = refuseForeignRequest(request, { json: true });
  if (foreign) return foreign;
  const publicId = (await params).publicId;
  if (!publicIdSchema.safeParse(publicId).success) return problem("not_found");
  const body = await readJsonCapped(request, MAX_BODY_BYTES);
  if (!body.ok) return refusalResponse(body);
  const parsed = parseInput(publicFeedbackSchema, body.data);
  if (!parsed.ok) return problem("invalid_data", { fieldErrors: parsed.fieldErrors });
  const { visitorId, channel, ...rating } = parsed.data;
  try {
    await rateReply(visitorCaller(request.headers, visitorId, channel), publicId, rating);
    return new Response(null, { status: 204 });
  } catch (error) {
    return problemFrom(error);
  }
}
