import { getSessionUser } from "@/lib/auth/session";
import { listSources } from "@/lib/db/knowledge-sources";
import { problem, problemFrom } from "@/lib/http/problem";
import { refuseForeignRequest } from "@/lib/http/same-origin";

export const dynamic = "force-dynamic";

/** The sources of one of the signed-in user's bots with their status, polled by the Knowledge tab while indexing runs. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const foreign = refuseForeignRequest(request);
  if (foreign) return foreign;
  const user = await getSessionUser();
  if (!user) return problem("unauthenticated");
  try {
    const sources = await listSources(user, (await params).id);
    return Response.json({ sources }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return problemFrom(error);
  }
}
