import type { ErrorCode } from "@/lib/errors";

// Route handlers read request bodies only through here: Next caps server actions' bodies, not
// route handlers', and `request.json()` would read a 300 MB body whole before any check.

export type BodyRefusal = { ok: false; status: 413 | 400; code: Extract<ErrorCode, "payload_too_large" | "invalid_data"> };
export type BodyResult<T> = { ok: true; data: T } | BodyRefusal;

const tooLarge: BodyRefusal = { ok: false, status: 413, code: "payload_too_large" };

/**
 * The body's bytes, or a refusal when it is larger than maxBytes: refused by Content-Length
 * before reading anything, and otherwise (chunked, or a Content-Length that lies) as soon as the
 * running count passes the cap, cancelling the rest of the stream.
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<BodyResult<Uint8Array<ArrayBuffer>>> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= maxBytes)) return tooLarge;
  if (!request.body) return { ok: true, data: new Uint8Array(new ArrayBuffer(0)) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        reader.cancel().catch(() => {});
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, status: 400, code: "invalid_data" };
  }
  const data = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    data.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, data };
}

/** The body parsed as JSON (undefined when it is not JSON), or a refusal when it is over maxBytes. */
export async function readJsonCapped(request: Request, maxBytes: number): Promise<BodyResult<unknown>> {
  const body = await readBodyCapped(request, maxBytes);
  if (!body.ok) return body;
  try {
    return { ok: true, data: JSON.parse(new TextDecoder().decode(body.data)) };
  } catch {
    return { ok: true, data: undefined };
  }
}

/** A refusal as the route's answer: the code as JSON, with the status. */
export const refusalResponse = (refusal: BodyRefusal) =>
  Response.json({ code: refusal.code }, { status: refusal.status, headers: { "Cache-Control": "no-store", Connection: "close" } });
