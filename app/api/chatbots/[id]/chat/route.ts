import { ownerCaller } from "@/lib/auth/caller";
import { startChat } from "@/lib/chat/pipeline";
import { StepTimer } from "@/lib/chat/timing";
import { CHAT_CONTENT_TYPE, encodeEvents } from "@/lib/chat/wire";
import { env } from "@/lib/env";
import { readJsonCapped, refusalResponse } from "@/lib/http/body";
import { problem, problemFrom } from "@/lib/http/problem";
import { refuseForeignRequest } from "@/lib/http/same-origin";
import { parseInput } from "@/lib/validation/parse";
import { chatMessageSchema } from "@/lib/validation/chat";

export const dynamic = "force-dynamic";

/** A 4,000-character message is at most ~24 KB as JSON (\u escapes); anything beyond this is not a message. */
const MAX_CHAT_BODY_BYTES = 64 * 1024;

/** The playground: the signed-in owner talks to their bot; the reply streams as chat events. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  // Another site's page cannot post with the owner's cookie (finding 3): nothing is read or spent.
  const foreign = refuseForeignRequest(request, { json: true });
  if (foreign) return foreign;
  const timer = env().SERVER_TIMING ? new StepTimer() : undefined;
  const caller = await ownerCaller();
  timer?.mark("session");
  // The session first: an anonymous body is never read. Then the body, capped.
  if (!caller) return problem("unauthenticated");
  const body = await readJsonCapped(request, MAX_CHAT_BODY_BYTES);
  if (!body.ok) return refusalResponse(body);
  const parsed = parseInput(chatMessageSchema, body.data);
  if (!parsed.ok) return problem(parsed.fieldErrors.message === "message_too_long" ? "message_too_long" : "invalid_data", { fieldErrors: parsed.fieldErrors });
  try {
    const reply = await startChat({ caller, botId: (await params).id, ...parsed.data, signal: request.signal, timer });
    const headers: Record<string, string> = { "Content-Type": CHAT_CONTENT_TYPE, "Cache-Control": "no-store" };
    if (timer) headers["Server-Timing"] = timer.header();
    return new Response(encodeEvents(reply.events), { headers });
  } catch (error) {
    return problemFrom(error);
  }
}
