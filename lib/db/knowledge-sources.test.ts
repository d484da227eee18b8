import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { EXTRACT_ERROR_CODES } from "@/lib/knowledge/extract";
import { FETCH_ERROR_CODES } from "@/lib/http/safe-fetch";
import { ERROR_CODES } from "@/lib/errors";
import { botInput, makeUser } from "@/lib/testing/factories";
import { createChatbot } from "./chatbots";
import { db } from "./client";
import { addFileSource, addSiteSource, addTextSource, addUrlSource, botStoredBytes, deleteSource, listSources, reindexSource, setSyncSchedule } from "./knowledge-sources";

const bytes = (n: number) => new Uint8Array(n).fill(65);
const codeOf = (promise: Promise<unknown>) => promise.then(() => "ok", (error) => (error instanceof AppError ? error.code : String(error)));
const job = (sourceId: string) => db.job.findUnique({ where: { key: `index:${sourceId}` }, select: { kind: true, payload: true, status: true } });

afterEach(() => {
  delete process.env.KNOWLEDGE_MAX_BOT_MB;
  delete process.env.KNOWLEDGE_MAX_FILE_MB;
  delete process.env.KNOWLEDGE_MAX_SITE_PAGES;
});

describe("knowledge sources", () => {
  it("record each kind queued with its indexing job, and list them without their content", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    const file = await addFileSource(owner, bot.id, { name: "menu.pdf", fileType: "pdf", bytes: bytes(1000) });
    await addUrlSource(owner, bot.id, "https://example.com/faq");
    await addSiteSource(owner, bot.id, { url: "https://example.com/", maxPages: 20, maxDepth: 2 });
    await addTextSource(owner, bot.id, { title: "Opening hours", body: "Open on Saturdays." });

    expect(await job(file)).toEqual({ kind: "knowledge.index", payload: JSON.stringify({ sourceId: file }), status: "queued" });
    const sources = await listSources(owner, bot.id);
    expect(sources.map((s) => [s.kind, s.name, s.status, s.size])).toEqual(
      expect.arrayContaining([
        ["file", "menu.pdf", "queued", 1000],
        ["url", "https://example.com/faq", "queued", 0],
        ["site", "https://example.com/", "queued", 0],
        ["text", "Opening hours", "queued", 18],
      ]),
    );
    expect(sources.every((s) => !("content" in s))).toBe(true);
    expect(sources.find((s) => s.kind === "site")).toMatchObject({ maxPages: 20, maxDepth: 2, pages: [] });
    expect(await botStoredBytes(owner, bot.id)).toBe(1018);
  });

  it("answer not_found for another user's bot or source, changing nothing", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const bot = await createChatbot(owner, botInput());
    const id = await addTextSource(owner, bot.id, { title: "Mine", body: "Private." });
    // One at a time: each call starts when the previous one has been answered and checked.
    for (const call of [
      () => listSources(other, bot.id),
      () => botStoredBytes(other, bot.id),
      () => addTextSource(other, bot.id, { title: "Injected", body: "x" }),
      () => addUrlSource(other, bot.id, "https://example.com/"),
      () => deleteSource(other, id),
      () => reindexSource(other, id),
      () => setSyncSchedule(other, id, "daily"),
      () => deleteSource(owner, "no-such-source"),
    ]) expect(await codeOf(call())).toBe("not_found");
    expect((await listSources(owner, bot.id)).map((s) => s.name)).toEqual(["Mine"]);
    expect(await codeOf(listSources({ id: undefined as unknown as string }, bot.id))).toBe("unauthenticated");
  });

  it("refuse a file over the per-file limit, past the bot's total, and a crawl over the page cap", async () => {
    process.env.KNOWLEDGE_MAX_FILE_MB = "0.01"; // 10,485 bytes
    process.env.KNOWLEDGE_MAX_BOT_MB = "0.02"; // 20,971 bytes
    process.env.KNOWLEDGE_MAX_SITE_PAGES = "5";
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    expect(await codeOf(addFileSource(owner, bot.id, { name: "big.txt", fileType: "txt", bytes: bytes(11_000) }))).toBe("file_too_large");
    await addFileSource(owner, bot.id, { name: "a.txt", fileType: "txt", bytes: bytes(10_000) });
    await addFileSource(owner, bot.id, { name: "b.txt", fileType: "txt", bytes: bytes(10_000) });
    expect(await codeOf(addFileSource(owner, bot.id, { name: "c.txt", fileType: "txt", bytes: bytes(1_000) }))).toBe("knowledge_storage_full");
    expect(await codeOf(addTextSource(owner, bot.id, { title: "More", body: "x".repeat(1_000) }))).toBe("knowledge_storage_full");
    expect(await codeOf(addSiteSource(owner, bot.id, { url: "https://example.com/", maxPages: 6, maxDepth: 1 }))).toBe("invalid_data");
    expect((await listSources(owner, bot.id)).map((s) => s.name).sort()).toEqual(["a.txt", "b.txt"]);
  });

  it("delete a source with its pages and pieces at once, and move the bot's knowledge version on", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    const id = await addSiteSource(owner, bot.id, { url: "https://example.com/", maxPages: 3, maxDepth: 1 });
    const kept = await addTextSource(owner, bot.id, { title: "Kept", body: "Kept." });
    const page = await db.knowledgePage.create({ data: { sourceId: id, url: "https://example.com/", title: "Home", contentHash: "h", pieceCount: 1 } });
    for (const [sourceId, pageId] of [[id, page.id], [kept, null]] as const) {
      await db.knowledgePiece.create({ data: { chatbotId: bot.id, sourceId, pageId, position: 0, text: "Gluten free bread.", terms: "gluten free bread", lang: "en" } });
    }
    expect((await listSources(owner, bot.id)).find((s) => s.id === id)?.pages).toMatchObject([{ url: "https://example.com/", title: "Home", pieceCount: 1 }]);
    const before = (await db.chatbot.findUniqueOrThrow({ where: { id: bot.id } })).knowledgeVersion;

    await deleteSource(owner, id);
    expect(await db.knowledgePiece.findMany({ where: { chatbotId: bot.id }, select: { sourceId: true } })).toEqual([{ sourceId: kept }]);
    expect(await db.knowledgePage.count({ where: { sourceId: id } })).toBe(0);
    expect(await job(id)).toBeNull();
    expect((await db.chatbot.findUniqueOrThrow({ where: { id: bot.id } })).knowledgeVersion).toBe(before + 1);
    expect(await codeOf(deleteSource(owner, id))).toBe("not_found");
  });

  it("re-index a failed source through a fresh job, and schedule re-syncs for web sources only", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    const page = await addUrlSource(owner, bot.id, "https://example.com/faq");
    const text = await addTextSource(owner, bot.id, { title: "Note", body: "Hello." });
    await db.knowledgeSource.update({ where: { id: page }, data: { status: "failed", errorCode: "url_unreachable" } });
    await db.job.update({ where: { key: `index:${page}` }, data: { status: "failed", attempts: 4 } });

    await reindexSource(owner, page);
    expect(await db.knowledgeSource.findUniqueOrThrow({ where: { id: page }, select: { status: true, errorCode: true } })).toEqual({ status: "queued", errorCode: null });
    expect(await db.job.findUniqueOrThrow({ where: { key: `index:${page}` }, select: { status: true, attempts: true } })).toEqual({ status: "queued", attempts: 0 });

    const now = new Date("2026-12-04T12:00:00Z");
    await setSyncSchedule(owner, page, "weekly", now);
    expect(await db.knowledgeSource.findUniqueOrThrow({ where: { id: page }, select: { syncSchedule: true, nextSyncAt: true } })).toEqual({
      syncSchedule: "weekly",
      nextSyncAt: new Date("2026-12-11T12:00:00Z"),
    });
    await setSyncSchedule(owner, page, "never", now);
    expect((await db.knowledgeSource.findUniqueOrThrow({ where: { id: page } })).nextSyncAt).toBeNull();
    expect(await codeOf(setSyncSchedule(owner, text, "daily"))).toBe("invalid_data");
  });

  it("have every extraction and fetch refusal among the translated error codes", () => {
    for (const code of [...EXTRACT_ERROR_CODES, ...FETCH_ERROR_CODES]) expect(ERROR_CODES).toContain(code);
  });
});
