import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createChatbot, deleteChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/direct";
import { env, isPostgres } from "@/lib/env";
import { jobByKey } from "@/lib/jobs/queue";
import { runDueJobs } from "@/lib/jobs/worker";
import { botInput, makeUser } from "@/lib/testing/factories";
import { docxParts, textPdf, wp, wtable, zipFile } from "./fixtures/make-files";
import { enqueueIndex, enqueueScheduledSyncs, INDEX_JOB } from "./ingest";
import { queryStems } from "./stem";

// The index job end to end on this run's database: sources reach `ready` with pieces the
// full-text index finds (SQLite FTS5 / PostgreSQL tsvector), failures keep the last good pieces.

const postgres = isPostgres(env().DATABASE_URL);

/** Ids of the bot's pieces the full-text index matches for the words (any of their stems). */
async function search(chatbotId: string, words: string): Promise<string[]> {
  const stems = queryStems(words);
  if (postgres) {
    const { rows } = await sql(`SELECT "id" FROM "KnowledgePiece" WHERE "search" @@ to_tsquery('simple', $1)`, [`zb${chatbotId} & (${stems.join(" | ")})`]);
    return rows.map((r) => String(r.id));
  }
  const { rows } = await sql(
    `SELECT p."id" FROM "KnowledgePieceFts" f JOIN "KnowledgePiece" p ON p.rowid = f.rowid WHERE "KnowledgePieceFts" MATCH $1`,
    [`"zb${chatbotId}" AND (${stems.map((s) => `"${s}"`).join(" OR ")})`],
  );
  return rows.map((r) => String(r.id));
}

const runIndexJobs = () => runDueJobs({ budgetMs: 30_000, kinds: [INDEX_JOB] });
const source = (id: string) => db.knowledgeSource.findUniqueOrThrow({ where: { id } });
const pieces = (sourceId: string) => db.knowledgePiece.findMany({ where: { sourceId }, orderBy: [{ pageId: "asc" }, { position: "asc" }] });
const version = async (id: string) => (await db.chatbot.findUniqueOrThrow({ where: { id }, select: { knowledgeVersion: true } })).knowledgeVersion;

async function newBot() {
  const owner = await makeUser();
  return { owner, bot: await createChatbot(owner, botInput()) };
}

async function addSource(chatbotId: string, data: { kind: string; name: string; content?: Uint8Array; fileType?: string; url?: string; maxPages?: number; syncSchedule?: string }) {
  const row = await db.knowledgeSource.create({
    data: { chatbotId, ...data, content: data.content ? Buffer.from(data.content) : undefined, size: data.content?.byteLength ?? 0 },
    select: { id: true },
  });
  await enqueueIndex(row.id);
  return row.id;
}

describe("files and texts", () => {
  it("indexes a two-page PDF: ready, one piece per page with its page number, found by the full-text index", async () => {
    const { bot } = await newBot();
    const before = await version(bot.id);
    const pdf = textPdf([["Menu", "We bake gluten free breads every Saturday."], ["Opening hours", "Monday to Friday 7 to 18."]], { title: "Our menu" });
    const id = await addSource(bot.id, { kind: "file", name: "menu.pdf", fileType: "pdf", content: pdf });
    expect((await source(id)).status).toBe("queued");
    expect(await runIndexJobs()).toMatchObject({ done: 1 });
    expect(await source(id)).toMatchObject({ status: "ready", errorCode: null, pieceCount: 2, size: pdf.byteLength });
    expect((await source(id)).syncedAt).toBeInstanceOf(Date);
    const stored = await pieces(id);
    expect(stored.map((p) => [p.pageNumber, p.heading, p.chatbotId])).toEqual([
      [1, null, bot.id],
      [2, null, bot.id],
    ]);
    expect(stored[0].lang).toBe("en");
    // No embedding provider in this run: full text only, no vectors stored.
    expect(stored.map((p) => p.embedding)).toEqual([null, null]);
    expect(await search(bot.id, "bread")).toEqual([stored[0].id]);
    expect(await search(bot.id, "Saturdays")).toEqual([stored[0].id]);
    expect(await search(bot.id, "monday")).toEqual([stored[1].id]);
    expect(await version(bot.id)).toBeGreaterThan(before);
    expect(await jobByKey(`index:${id}`)).toBeNull();
  });

  it("indexes a DOCX by its headings, and a pasted text as Markdown", async () => {
    const { bot } = await newBot();
    const docx = zipFile(docxParts(wp("Returns policy", "Heading1") + wp("Unused items can be returned within thirty days.") + wp("Time limits", "Heading2") + wtable([["Item", "Days"], ["Cakes", "2"]])));
    const file = await addSource(bot.id, { kind: "file", name: "returns.docx", fileType: "docx", content: docx });
    const text = await addSource(bot.id, {
      kind: "text",
      name: "Parking",
      content: new TextEncoder().encode("# Parking\n\nFree parking behind the bakery.\n\n## Bicycles\n\nRacks by the door."),
    });
    expect(await runIndexJobs()).toMatchObject({ done: 2 });
    expect((await pieces(file)).map((p) => p.heading)).toEqual(["Returns policy", "Time limits"]);
    expect((await pieces(text)).map((p) => [p.heading, p.text])).toEqual([
      ["Parking", "Free parking behind the bakery."],
      ["Bicycles", "Racks by the door."],
    ]);
    expect(await search(bot.id, "returned")).toHaveLength(1);
    expect(await search(bot.id, "cakes")).toHaveLength(1);
    // The heading counts: "bicycle" is only in a heading.
    expect(await search(bot.id, "bicycle")).toEqual([(await pieces(text))[1].id]);
  });

  it("fails a bad file with its reason; a failed re-index keeps the pieces the source had", async () => {
    const { bot } = await newBot();
    const bad = await addSource(bot.id, { kind: "file", name: "scan.pdf", fileType: "pdf", content: new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage") });
    const good = await addSource(bot.id, { kind: "file", name: "menu.txt", fileType: "txt", content: new TextEncoder().encode("Sourdough loaves on Fridays.") });
    await runIndexJobs();
    expect(await source(bad)).toMatchObject({ status: "failed", errorCode: "file_corrupt", pieceCount: 0 });
    expect(await jobByKey(`index:${bad}`)).toBeNull(); // a bad file is not retried
    expect(await source(good)).toMatchObject({ status: "ready", pieceCount: 1 });

    // The owner replaces the good file's content with a broken one and re-indexes.
    await db.knowledgeSource.update({ where: { id: good }, data: { content: Buffer.from("PK\u0003\u0004 not really a zip") } });
    await enqueueIndex(good);
    await runIndexJobs();
    expect(await source(good)).toMatchObject({ status: "failed", errorCode: "file_corrupt", pieceCount: 1 });
    expect(await search(bot.id, "sourdough")).toHaveLength(1);
  });

  it("retries an unexpected error, then says server_error once the attempts are spent", async () => {
    const { bot } = await newBot();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const id = await addSource(bot.id, { kind: "mystery", name: "?" });
    const key = `index:${id}`;
    for (let attempt = 1; attempt <= 4; attempt++) {
      await sql(`UPDATE "Job" SET "runAt" = $1 WHERE "key" = $2`, [new Date(Date.now() - 1000), key]);
      await runIndexJobs();
      expect(await source(id)).toMatchObject(attempt < 4 ? { status: "queued" } : { status: "failed", errorCode: "server_error" });
    }
    expect(await jobByKey(key)).toMatchObject({ status: "failed", attempts: 4 });
    vi.restoreAllMocks();
  });

  it("removes a deleted source's pieces from the full-text index (cascade), and a deleted bot's", async () => {
    const { owner, bot } = await newBot();
    const id = await addSource(bot.id, { kind: "text", name: "Allergies", content: new TextEncoder().encode("All our cakes contain nuts.") });
    const other = await addSource(bot.id, { kind: "text", name: "Coffee", content: new TextEncoder().encode("Oat milk for coffee.") });
    await runIndexJobs();
    expect(await search(bot.id, "nuts")).toHaveLength(1);
    const rowids = postgres ? [] : (await sql(`SELECT rowid AS r FROM "KnowledgePiece" WHERE "sourceId" = $1`, [id])).rows.map((r) => Number(r.r));
    await db.knowledgeSource.delete({ where: { id } });
    expect(await search(bot.id, "nuts")).toEqual([]);
    if (!postgres) {
      // The trigger ran for the cascaded delete: no orphan row left in the FTS table.
      const { rows } = await sql(`SELECT COUNT(*) AS n FROM "KnowledgePieceFts" WHERE rowid = $1`, [rowids[0]]);
      expect(Number(rows[0].n)).toBe(0);
    }
    expect(await search(bot.id, "oat")).toHaveLength(1);
    await deleteChatbot(owner, bot.id);
    expect(await search(bot.id, "oat")).toEqual([]);
    expect(await db.knowledgePiece.count({ where: { sourceId: other } })).toBe(0);
  });

  it("finishes quietly when the source is deleted before its turn", async () => {
    const { bot } = await newBot();
    const id = await addSource(bot.id, { kind: "text", name: "Gone", content: new TextEncoder().encode("Soon deleted.") });
    await db.knowledgeSource.delete({ where: { id } });
    expect(await runIndexJobs()).toMatchObject({ done: 1 });
    expect(await db.knowledgePiece.count({ where: { sourceId: id } })).toBe(0);
  });
});

describe("web sites", () => {
  let server: http.Server;
  let base = "";
  let pages: Record<string, string> = {};
  const page = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title></head><body><main>${body}</main></body></html>`;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const html = pages[new URL(req.url ?? "/", "http://x").pathname];
      if (!html) return res.writeHead(404, { "content-type": "text/html" }).end("not found");
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    process.env.UNSAFE_FETCH_ALLOW_HOSTS = `127.0.0.1:${port}`;
    vi.spyOn(console, "warn").mockImplementation(() => {});
  });
  afterAll(async () => {
    delete process.env.UNSAFE_FETCH_ALLOW_HOSTS;
    await new Promise((resolve) => server.close(resolve));
    vi.restoreAllMocks();
  });

  it("indexes a site of three pages, then a re-sync re-indexes the changed page, drops the removed one and leaves the third alone", async () => {
    pages = {
      "/": page("Bakery", '<h1>Welcome</h1><p>Fresh bread every morning, baked in our stone oven.</p><p><a href="/menu">Menu</a> <a href="/hours">Hours</a></p>'),
      "/menu": page("Menu", "<h1>Menu</h1><p>Sourdough and rye loaves, croissants on Sundays.</p>"),
      "/hours": page("Hours", "<h1>Opening hours</h1><p>Monday to Friday 7 to 18, Saturdays 8 to 14.</p>"),
    };
    const { bot } = await newBot();
    const id = await addSource(bot.id, { kind: "site", name: `${base}/`, url: `${base}/`, maxPages: 10, syncSchedule: "weekly" });
    await runIndexJobs();
    const first = await source(id);
    expect(first).toMatchObject({ status: "ready", name: "Bakery", errorCode: null });
    expect(first.pieceCount).toBeGreaterThanOrEqual(3);
    expect(first.nextSyncAt!.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    const listed = await db.knowledgePage.findMany({ where: { sourceId: id }, orderBy: { url: "asc" } });
    expect(listed.map((p) => [p.url, p.title, p.errorCode])).toEqual([
      [`${base}/`, "Bakery", null],
      [`${base}/hours`, "Hours", null],
      [`${base}/menu`, "Menu", null],
    ]);
    expect(await search(bot.id, "croissant")).toHaveLength(1);
    expect(await search(bot.id, "saturday")).toHaveLength(1);
    const homePieces = (await pieces(id)).filter((p) => p.url === `${base}/`).map((p) => p.id);
    expect((await pieces(id)).find((p) => p.url === `${base}/menu`)?.heading).toBe("Menu");

    // The menu changes, the hours page goes (404), the home page stays as it was.
    pages["/menu"] = page("Menu", "<h1>Menu</h1><p>Sourdough and rye loaves, pretzels on Sundays.</p>");
    delete pages["/hours"];
    await enqueueIndex(id);
    await runIndexJobs();
    expect(await source(id)).toMatchObject({ status: "ready" });
    expect(await search(bot.id, "pretzel")).toHaveLength(1);
    expect(await search(bot.id, "croissant")).toEqual([]);
    expect(await search(bot.id, "saturday")).toEqual([]);
    expect((await pieces(id)).filter((p) => p.url === `${base}/`).map((p) => p.id)).toEqual(homePieces);
    const hours = await db.knowledgePage.findUnique({ where: { sourceId_url: { sourceId: id, url: `${base}/hours` } } });
    expect(hours).toMatchObject({ errorCode: "url_http_error", pieceCount: 0 });

    // The home page stops linking to it: the page vanished from the site and its row goes too.
    pages["/"] = page("Bakery", '<h1>Welcome</h1><p>Fresh bread every morning, baked in our stone oven.</p><p><a href="/menu">Menu</a></p>');
    await enqueueIndex(id);
    await runIndexJobs();
    expect((await db.knowledgePage.findMany({ where: { sourceId: id } })).map((p) => p.url).sort()).toEqual([`${base}/`, `${base}/menu`]);
    expect((await source(id)).pieceCount).toBe(await db.knowledgePiece.count({ where: { sourceId: id } }));
  }, 60_000);

  it("indexes one web page, and fails a site whose start page cannot be fetched", async () => {
    pages = { "/faq": page("FAQ", "<h1>Questions</h1><p>Dogs are welcome on the terrace.</p>") };
    const { bot } = await newBot();
    const one = await addSource(bot.id, { kind: "url", name: `${base}/faq`, url: `${base}/faq` });
    const missing = await addSource(bot.id, { kind: "site", name: `${base}/nothing`, url: `${base}/nothing` });
    const blocked = await addSource(bot.id, { kind: "url", name: "http://10.0.0.1/", url: "http://10.0.0.1/" });
    await runIndexJobs();
    expect(await source(one)).toMatchObject({ status: "ready", name: "FAQ", pieceCount: 1 });
    expect((await pieces(one))[0]).toMatchObject({ url: `${base}/faq`, heading: "Questions" });
    expect(await search(bot.id, "dog")).toHaveLength(1);
    expect(await source(missing)).toMatchObject({ status: "failed", errorCode: "url_http_error" });
    expect(await source(blocked)).toMatchObject({ status: "failed", errorCode: "url_blocked" });
  });

  it("queues the web sources whose scheduled re-sync is due, once even when asked twice at once", async () => {
    const { bot } = await newBot();
    const past = new Date(Date.now() - 60_000);
    const due = await db.knowledgeSource.create({ data: { chatbotId: bot.id, kind: "url", name: "x", url: `${base}/x`, syncSchedule: "daily", nextSyncAt: past, status: "ready" } });
    const later = await db.knowledgeSource.create({
      data: { chatbotId: bot.id, kind: "url", name: "y", url: `${base}/y`, syncSchedule: "daily", nextSyncAt: new Date(Date.now() + 60_000), status: "ready" },
    });
    const counts = await Promise.all([enqueueScheduledSyncs(), enqueueScheduledSyncs()]);
    expect(counts.toSorted()).toEqual([0, 1]);
    expect(await jobByKey(`index:${due.id}`)).toMatchObject({ status: "queued" });
    expect(await jobByKey(`index:${later.id}`)).toBeNull();
    expect((await source(due.id)).status).toBe("queued");
    expect((await source(due.id)).nextSyncAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
    await sql(`DELETE FROM "Job" WHERE "key" = $1`, [`index:${due.id}`]);
  });
});
