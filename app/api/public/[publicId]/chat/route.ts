import { visitorCaller } from "@/lib/auth/visitor";
import { startChat } from "@/lib/chat/pipeline";
import { StepTimer } from "@/lib/chat/timing";
import { CHAT_CONTENT_TYPE, encodeEvents } from "@/lib/chat/wire";
import { env } from "@/lib/env";
import { readJsonCapped, refusalResponse } from "@/lib/http/body";
import { problem, problemFrom } from "@/lib/http/problem";
import { refuseForeignRequest } from "@/lib/http/same-origin";
import { parseInput } from "@/lib/validation/parse";
import { publicChatSchema, publicIdSchema } from "@/lib/validation/channels";

export const dynamic = "force-dynamic";

/** As the playground's route: a 4,000-character message is at most ~24 KB as JSON. */
const MAX_CHAT_BODY_BYTES = 64 * 1024;


/** A visitor of a public page or widget talks to a bot by its public id; the reply streams as chat events. */
export async function POST(request: Request, { params }: { params: Promise<{ publicId: string }> }) {
  const timer = env().SERVER_TIMING ? new StepTimer() : undefined;
  // Only our own pages (the public page, the widget's iframe) call this from a browser: another
  // site's fetch is refused before anything is read, and JSON is required, so a cross-site
  // browser request always needs a CORS preflight that this route never grants.
  const foreign = refuseForeignRequest(request, { json: true });
  if (foreign) return foreign;
  const publicId = (await params).publicId;
  if (!publicIdSchema.safeParse(publicId).success) return problem("not_found");
  const body = await readJsonCapped(request, MAX_CHAT_BODY_BYTES);
  if (!body.ok) return refusalResponse(body);
  const parsed = parseInput(publicChatSchema, body.data);
  if (!parsed.ok) return problem(parsed.fieldErrors.message === "message_too_long" ? "message_too_long" : "invalid_data", { fieldErrors: parsed.fieldErrors });
  const { visitorId, channel, ...message } = parsed.data;
  try {
    const caller = visitorCaller(request.headers, visitorId, channel);
    const reply = await startChat({ caller, botId: publicId, ...message, signal: request.signal, timer });
    const headers: Record<string, string> = { "Content-Type": CHAT_CONTENT_TYPE, "Cache-Control": "no-store" };
    if (timer) headers["Server-Timing"] = timer.header();
    return new Response(encodeEvents(reply.events), { headers });
  } catch (error) {
    return problemFrom(error);
  }
}
