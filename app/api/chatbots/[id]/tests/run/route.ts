import { getSessionUser } from "@/lib/auth/session";
import { runBotTests, type TestRunEvent } from "@/lib/chat/test-run";
import { CHAT_CONTENT_TYPE } from "@/lib/chat/wire";
import { pullStream } from "@/lib/http/stream";
import { problem, problemFrom } from "@/lib/http/problem";
import { refuseForeignRequest } from "@/lib/http/same-origin";

export const dynamic = "force-dynamic";

/**
 * Runs the owner's saved tests of a bot (lib/chat/test-run.ts): one JSON event a line as each
 * question is answered by the draft and the published version. Closing the request cancels the run.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  // Another site's page cannot start a run with the owner's cookie: nothing is read or spent.
  const foreign = refuseForeignRequest(request, { json: true });
  if (foreign) return foreign;
  const user = await getSessionUser();
  if (!user) return problem("unauthenticated");
  try {
    const events = runBotTests(user, (await params).id, request.signal);
    // The first event (or the refusal before the run) is awaited here, so a refusal answers with its status.
    const first = await events.next();
    // An owner who cancels before reading is never pulled again: end the run here, so it is stored
    // as cancelled (and the next run is not refused as "already running"). Mid-answer, the signal
    // already stops the provider call and `return()` waits for the generator's next step.
    const stop = () => void events.return(undefined);
    if (request.signal.aborted) stop();
    else request.signal.addEventListener("abort", stop, { once: true });
    async function* all(): AsyncGenerator<TestRunEvent> {
      if (!first.done) yield first.value;
      yield* events;
    }
    return new Response(pullStream(all(), (event) => `${JSON.stringify(event)}\n`), { headers: { "Content-Type": CHAT_CONTENT_TYPE, "Cache-Control": "no-store" } });
  } catch (error) {
    return problemFrom(error);
  }
}
