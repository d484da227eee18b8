import { getSessionUser } from "@/lib/auth/session";
import { sourcesOf } from "@/lib/chat/wire";
import { csvLine } from "@/lib/csv";
import { exportConversations } from "@/lib/db/conversations";
import { problem, problemFrom } from "@/lib/http/problem";
import { refuseForeignRequest } from "@/lib/http/same-origin";
import { pullStream } from "@/lib/http/stream";

export const dynamic = "force-dynamic";

const COLUMNS = ["conversation_id", "source", "started_at", "message_at", "role", "content", "provider", "model", "input_tokens", "output_tokens", "latency_ms", "error_code", "sources"];

type Conversations = Awaited<ReturnType<typeof exportConversations>>;

/** JSON as before (`{ exportedAt, conversations: [...] }`), written a conversation at a time. */
async function* jsonChunks(conversations: Conversations) {
  yield `{\n  "exportedAt": ${JSON.stringify(new Date().toISOString())},\n  "conversations": [`;
  let first = true;
  for await (const { messages, ...conversation } of conversations) {
    const head = JSON.stringify(conversation, null, 2).slice(0, -2).replace(/\n/g, "\n    ");
    yield `${first ? "" : ","}\n    ${head},\n      "messages": [`;
    let firstMessage = true;
    for await (const message of messages) {
      yield `${firstMessage ? "" : ","}\n        ${JSON.stringify({ ...message, sources: sourcesOf(message.sources) })}`;
      firstMessage = false;
    }
    yield `${firstMessage ? "" : "\n      "}]\n    }`;
    first = false;
  }
  yield `${first ? "" : "\n  "}]\n}\n`;
}

/** A reply's sources in one cell, as JSON (the same list as the JSON export's); empty when it used none. */
const csvSources = (stored: string | null) => {
  const sources = sourcesOf(stored);
  return sources.length ? JSON.stringify(sources) : "";
};

/** One CSV row a message; a byte-order mark first, so spreadsheets read accents and Arabic as UTF-8. */
async function* csvChunks(conversations: Conversations) {
  yield `\uFEFF${csvLine(COLUMNS)}\r\n`;
  for await (const c of conversations) {
    for await (const m of c.messages) {
      yield `${csvLine([c.id, c.source, c.startedAt.toISOString(), m.createdAt.toISOString(), m.role, m.content, m.provider, m.model, m.inputTokens, m.outputTokens, m.latencyMs, m.errorCode, csvSources(m.sources)])}\r\n`;
    }
  }
}

/**
 * Small pieces joined into ~64 KB chunks: a chunk a message made a 100,000-message export
 * spend most of its 12 s passing chunks through the response stream.
 */
async function* joined(pieces: AsyncIterable<string>, size = 64 * 1024) {
  let buffer = "";
  for await (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= size) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer) yield buffer;
}

/** Every conversation of one of the signed-in user's bots, as JSON or CSV (one row a message), streamed. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  // Another site cannot start a download of the owner's conversations (or time one).
  const foreign = refuseForeignRequest(request);
  if (foreign) return foreign;
  const user = await getSessionUser();
  if (!user) return problem("unauthenticated");
  const format = new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "json";
  let conversations: Conversations;
  try {
    conversations = await exportConversations(user, (await params).id);
  } catch (error) {
    return problemFrom(error);
  }
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(pullStream(joined(format === "json" ? jsonChunks(conversations) : csvChunks(conversations)), (chunk) => chunk), {
    headers: {
      "Cache-Control": "no-store",
      "Content-Disposition": `attachment; filename="conversations-${stamp}.${format}"`,
      "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
    },
  });
}
