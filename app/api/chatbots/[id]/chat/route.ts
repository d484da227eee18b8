import { ownerCaller } from "@/lib/auth/caller";
import { startChat } from "@/lib/chat/pipeline";
import { StepTimer } from "@/lib/chat/timing";
import { CHAT_CONTENT_TYPE, encodeEvents } from "@/lib/chat/wire";
import { env } from "@/lib/env";
import { problem, problemFrom } from "@/lib/http/problem";
import { parseInput } from "@/lib/validation/parse";
import { chatMessageSchema } from "@/lib/validation/chat";

export const dynamic = "force-dynamic";

/** The playground: the signed-in owner talks to their bot; the reply streams as chat events. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const timer = env().SERVER_TIMING ? new StepTimer() : undefined;
  const caller = await ownerCaller();
  timer?.mark("session");
  if (!caller) return problem("unauthenticated");
  const parsed = parseInput(chatMessageSchema, await request.json().catch(() => undefined));
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
