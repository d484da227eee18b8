import { expect, it } from "vitest";
import { readJsonCapped } from "./body";

/** A chunked body of `chunks` × 64 KB that records how much of it was pulled and whether it was cancelled. */
function endlessBody(chunks: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled++ >= chunks) return controller.close();
      controller.enqueue(new Uint8Array(64 * 1024).fill(32));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

it("refuses a body whose Content-Length is over the cap without reading it (finding 1)", async () => {
  const { stream, seen } = endlessBody(5000); // 300 MB if read
  expect(await readJsonCapped(post(stream, { "content-length": String(300 * 1024 * 1024) }), 64 * 1024)).toEqual({ ok: false, status: 413, code: "payload_too_large" });
  expect(seen.pulled).toBeLessThanOrEqual(1);
});

it("stops reading a chunked body as soon as it passes the cap, and cancels the rest (finding 1)", async () => {
  const { stream, seen } = endlessBody(5000);
  expect(await readJsonCapped(post(stream), 100 * 1024)).toMatchObject({ ok: false, status: 413 });
  expect(seen.pulled).toBeLessThanOrEqual(3);
  expect(seen.cancelled).toBe(true);
});

it("reads a body under the cap: JSON parsed, anything else undefined", async () => {
  expect(await readJsonCapped(post(JSON.stringify({ message: "héllo" })), 1024)).toEqual({ ok: true, data: { message: "héllo" } });
  expect(await readJsonCapped(post("not json"), 1024)).toEqual({ ok: true, data: undefined });
  expect(await readJsonCapped(new Request("http://localhost/x", { method: "POST" }), 1024)).toEqual({ ok: true, data: undefined });
});
