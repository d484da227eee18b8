import { getSessionUser } from "@/lib/auth/session";
import { requireOwnedChatbot } from "@/lib/db/chatbots";
import { addFileSource } from "@/lib/db/knowledge-sources";
import { AppError, type ErrorCode } from "@/lib/errors";
import { readBodyCapped, refusalResponse } from "@/lib/http/body";
import { problem, problemFrom } from "@/lib/http/problem";
import { refuseForeignRequest } from "@/lib/http/same-origin";
import { sniffFileType } from "@/lib/knowledge/file-type";
import { knowledgeLimits } from "@/lib/knowledge/limits";

export const dynamic = "force-dynamic";

export type UploadRow = { name: string; ok: true; sourceId: string } | { name: string; ok: false; code: ErrorCode };

// Room for the multipart boundaries and headers around the files.
const ENVELOPE_BYTES = 1024 * 1024;
/** Files one request may carry (the dashboard sends one at a time). */
const MAX_FILES = 20;
const NAME_MAX = 200;

/**
 * Uploads documents (form fields named `file`, several allowed) to one of the signed-in user's
 * bots. Each file is answered on its own row: queued for indexing, or refused with its code (empty,
 * over the size limit, over the bot's total, a type its bytes do not show whatever its name says);
 * one refusal does not stop the others. The body is capped before it is read whole.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const foreign = refuseForeignRequest(request);
  if (foreign) return foreign;
  const user = await getSessionUser();
  if (!user) return problem("unauthenticated");
  try {
    const botId = await requireOwnedChatbot(user, (await params).id);
    if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) return problem("unsupported_media_type");
    const { maxFileBytes, maxBotBytes } = knowledgeLimits();
    const body = await readBodyCapped(request, Math.min(maxBotBytes, maxFileBytes * 4) + ENVELOPE_BYTES);
    if (!body.ok) return refusalResponse(body);
    let form: FormData;
    try {
      form = await new Response(body.data, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
    } catch {
      return problem("invalid_data");
    }
    const files = form.getAll("file").filter((value): value is File => typeof value !== "string");
    if (files.length === 0 || files.length > MAX_FILES) return problem("invalid_data", { fieldErrors: { file: files.length ? "too_long" : "required" } });

    const results: UploadRow[] = [];
    for (const file of files) {
      const name = (file.name || "file").normalize("NFC").slice(0, NAME_MAX);
      results.push(await accept(user, botId, name, file, maxFileBytes));
    }
    return Response.json({ results }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return problemFrom(error);
  }
}

async function accept(user: { id: string }, botId: string, name: string, file: File, maxFileBytes: number): Promise<UploadRow> {
  if (file.size > maxFileBytes) return { name, ok: false, code: "file_too_large" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffFileType(bytes, name);
  if (!type.ok) return { name, ok: false, code: type.code };
  try {
    return { name, ok: true, sourceId: await addFileSource(user, botId, { name, fileType: type.fileType, bytes }) };
  } catch (error) {
    if (error instanceof AppError && error.code !== "not_found") return { name, ok: false, code: error.code };
    throw error;
  }
}
