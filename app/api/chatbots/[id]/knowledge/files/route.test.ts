import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { docxParts, textPdf, wp, zipFile } from "@/lib/knowledge/fixtures/make-files";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { GET } from "../sources/route";
import { POST } from "./route";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
beforeEach(() => actAs(null));
afterEach(() => {
  delete process.env.KNOWLEDGE_MAX_FILE_MB;
  delete process.env.KNOWLEDGE_MAX_BOT_MB;
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const params = (id: string) => ({ params: Promise.resolve({ id }) });

function upload(botId: string, files: { name: string; data: Uint8Array | string }[], headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const f of files) form.append("file", new Blob([typeof f.data === "string" ? f.data : new Uint8Array(f.data)]), f.name);
  return POST(new Request(`http://test/api/chatbots/${botId}/knowledge/files`, { method: "POST", body: form, headers }), params(botId));
}

async function ownBot() {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  actAs(owner);
  return { owner, bot };
}

const stored = (chatbotId: string) =>
  db.knowledgeSource.findMany({ where: { chatbotId }, select: { name: true, fileType: true, status: true, size: true }, orderBy: { name: "asc" } });

it("queues each good file with the type its bytes show, and refuses each bad one on its own row", async () => {
  const { bot } = await ownBot();
  const pdf = textPdf([["Gluten free bread every Saturday."]]);
  const docx = zipFile(docxParts(wp("Returns within 30 days.")));
  const response = await upload(bot.id, [
    { name: "menu.pdf", data: pdf },
    { name: "photo-renamed.pdf", data: PNG },
    { name: "returns.docx", data: docx },
    { name: "empty.txt", data: "" },
    { name: "archive.docx", data: zipFile([{ name: "data.bin", data: "not a document" }]) },
    { name: "notes.md", data: "# Parking\nBehind the shop." },
  ]);
  expect(response.status).toBe(200);
  const { results } = await response.json();
  expect(results.map((r: { name: string; ok: boolean; code?: string }) => [r.name, r.ok ? "queued" : r.code])).toEqual([
    ["menu.pdf", "queued"],
    ["photo-renamed.pdf", "file_type_unsupported"],
    ["returns.docx", "queued"],
    ["empty.txt", "file_empty"],
    ["archive.docx", "file_type_unsupported"],
    ["notes.md", "queued"],
  ]);
  expect(await stored(bot.id)).toEqual([
    { name: "menu.pdf", fileType: "pdf", status: "queued", size: pdf.byteLength },
    { name: "notes.md", fileType: "markdown", status: "queued", size: 26 },
    { name: "returns.docx", fileType: "docx", status: "queued", size: docx.byteLength },
  ]);
  expect(await db.job.count({ where: { key: { in: results.filter((r: { ok: boolean }) => r.ok).map((r: { sourceId: string }) => `index:${r.sourceId}`) } } })).toBe(3);

  // The table's polling route shows them with their status, never their bytes.
  const listed = await (await GET(new Request("http://test/api"), params(bot.id))).json();
  expect(listed.sources.map((s: { name: string; status: string }) => s.status)).toEqual(["queued", "queued", "queued"]);
  expect(JSON.stringify(listed)).not.toContain("Gluten");
});

it("refuses an oversized file on its row and a bot already full, while the others go on", async () => {
  const { bot } = await ownBot();
  process.env.KNOWLEDGE_MAX_FILE_MB = "0.1"; // 104,857 bytes a file
  process.env.KNOWLEDGE_MAX_BOT_MB = "0.25"; // 262,144 bytes a bot
  const big = new Uint8Array(104_858).fill(97);
  const part = new Uint8Array(100_000).fill(98);
  const response = await upload(bot.id, [
    { name: "huge.txt", data: big },
    { name: "first.txt", data: part },
    { name: "second.txt", data: part },
    { name: "third.txt", data: part },
    { name: "small.txt", data: "Fits." },
  ]);
  const { results } = await response.json();
  expect(results.map((r: { name: string; ok: boolean; code?: string }) => [r.name, r.ok ? "queued" : r.code])).toEqual([
    ["huge.txt", "file_too_large"],
    ["first.txt", "queued"],
    ["second.txt", "queued"],
    ["third.txt", "knowledge_storage_full"],
    ["small.txt", "queued"],
  ]);
});

it("refuses a body over the cap from its Content-Length before reading it", async () => {
  const { bot } = await ownBot();
  process.env.KNOWLEDGE_MAX_FILE_MB = "1";
  let pulled = 0;
  const body = new ReadableStream({
    pull(controller) {
      pulled++;
      controller.enqueue(new Uint8Array(64 * 1024));
    },
  });
  const request = new Request(`http://test/api/chatbots/${bot.id}/knowledge/files`, {
    method: "POST",
    body,
    duplex: "half",
    headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(500 * 1024 * 1024) },
  } as RequestInit);
  const response = await POST(request, params(bot.id));
  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({ code: "payload_too_large" });
  expect(pulled).toBeLessThanOrEqual(1);

  // Chunked, with no length: cut off once past the cap.
  const endless = new Request(`http://test/api/chatbots/${bot.id}/knowledge/files`, {
    method: "POST",
    body: new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(256 * 1024)) }),
    duplex: "half",
    headers: { "content-type": "multipart/form-data; boundary=x" },
  } as RequestInit);
  expect((await POST(endless, params(bot.id))).status).toBe(413);
  expect(await stored(bot.id)).toEqual([]);
});

it("answers 401 without a session, 404 for another user's bot, 403 from a foreign page, writing nothing", async () => {
  const { bot } = await ownBot();
  const file = [{ name: "a.txt", data: "Hello." }];
  actAs(null);
  expect((await upload(bot.id, file)).status).toBe(401);
  expect((await GET(new Request("http://test/api"), params(bot.id))).status).toBe(401);
  actAs(await makeUser());
  expect((await upload(bot.id, file)).status).toBe(404);
  expect((await GET(new Request("http://test/api"), params(bot.id))).status).toBe(404);
  await ownBot();
  expect((await upload(bot.id, file, { "sec-fetch-site": "cross-site" })).status).toBe(403);
  expect((await upload(bot.id, file, { origin: "https://evil.example" })).status).toBe(403);
  expect(await stored(bot.id)).toEqual([]);
});
