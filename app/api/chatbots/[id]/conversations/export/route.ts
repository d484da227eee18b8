import { getSessionUser } from "@/lib/auth/session";
import { csvLine } from "@/lib/csv";
import { exportConversations } from "@/lib/db/conversations";
import { problem, problemFrom } from "@/lib/http/problem";

export const dynamic = "force-dynamic";

const COLUMNS = ["conversation_id", "source", "started_at", "message_at", "role", "content", "provider", "model", "input_tokens", "output_tokens", "latency_ms", "error_code"];

/** Every conversation of one of the signed-in user's bots, as JSON or CSV (one row a message). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user) return problem("unauthenticated");
  const format = new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "json";
  let conversations;
  try {
    conversations = await exportConversations(user, (await params).id);
  } catch (error) {
    return problemFrom(error);
  }
  const stamp = new Date().toISOString().slice(0, 10);
  const headers = {
    "Cache-Control": "no-store",
    "Content-Disposition": `attachment; filename="conversations-${stamp}.${format}"`,
  };
  if (format === "json") {
    return new Response(JSON.stringify({ exportedAt: new Date().toISOString(), conversations }, null, 2), {
      headers: { ...headers, "Content-Type": "application/json; charset=utf-8" },
    });
  }
  const lines = [csvLine(COLUMNS)];
  for (const c of conversations) {
    for (const m of c.messages) {
      lines.push(csvLine([c.id, c.source, c.startedAt.toISOString(), m.createdAt.toISOString(), m.role, m.content, m.provider, m.model, m.inputTokens, m.outputTokens, m.latencyMs, m.errorCode]));
    }
  }
  // A byte-order mark, so spreadsheet programs read the accents and Arabic as UTF-8.
  return new Response(`\uFEFF${lines.join("\r\n")}\r\n`, { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
}
