import "server-only";
import { AppError } from "@/lib/errors";
import { enqueueIndex } from "@/lib/knowledge/ingest";
import { knowledgeLimits } from "@/lib/knowledge/limits";
import type { SyncSchedule } from "@/lib/validation/limits";
import { requireOwnedChatbot } from "./chatbots";
import { db, type Tx } from "./client";
import { ownBotChild, type Actor } from "./scopes";

// A bot's documents, web pages, sites and pasted texts. Every function takes the acting user and
// reaches only sources of that user's bots: another user's source is "not found", as a missing one.
// Indexing happens in the background (enqueueIndex); these only record what to index.

export type SourceKind = "file" | "url" | "site" | "text";
export type SourceStatus = "queued" | "processing" | "ready" | "failed";

/** What a list shows: never the content. */
const listed = {
  id: true,
  kind: true,
  name: true,
  url: true,
  fileType: true,
  size: true,
  status: true,
  errorCode: true,
  pieceCount: true,
  maxPages: true,
  maxDepth: true,
  syncSchedule: true,
  syncedAt: true,
  createdAt: true,
  pages: { select: { id: true, url: true, title: true, errorCode: true, pieceCount: true, syncedAt: true }, orderBy: { syncedAt: "asc" } },
} as const;

export type SourceRow = Awaited<ReturnType<typeof listSources>>[number];

export async function listSources(actor: Actor, chatbotId: string) {
  const botId = await requireOwnedChatbot(actor, chatbotId);
  return db.knowledgeSource.findMany({ where: { chatbotId: botId }, select: listed, orderBy: { createdAt: "desc" } });
}

/** Bytes the bot holds in files, texts and fetched pages, for the per-bot limit. */
export async function botStoredBytes(actor: Actor, chatbotId: string) {
  return storedBytes(db, await requireOwnedChatbot(actor, chatbotId));
}

async function storedBytes(tx: Tx | typeof db, botId: string) {
  const sum = await tx.knowledgeSource.aggregate({ where: { chatbotId: botId }, _sum: { size: true } });
  return sum._sum.size ?? 0;
}

type NewSource = { kind: SourceKind; name: string; url?: string; fileType?: string; content?: Uint8Array; maxPages?: number; maxDepth?: number };

/** Records a source as queued, within the bot's byte limit, then queues its indexing. */
async function addSource(actor: Actor, chatbotId: string, source: NewSource) {
  const botId = await requireOwnedChatbot(actor, chatbotId);
  const size = source.content?.byteLength ?? 0;
  const { maxBotBytes } = knowledgeLimits();
  const created = await db.$transaction(async (tx) => {
    if (size > 0 && (await storedBytes(tx, botId)) + size > maxBotBytes) throw new AppError("knowledge_storage_full");
    return tx.knowledgeSource.create({
      data: {
        chatbotId: botId,
        kind: source.kind,
        name: source.name,
        url: source.url ?? null,
        fileType: source.fileType ?? null,
        content: source.content ? new Uint8Array(source.content) : null,
        size,
        maxPages: source.maxPages ?? null,
        maxDepth: source.maxDepth ?? null,
        status: "queued",
      },
      select: { id: true },
    });
  });
  await enqueueIndex(created.id);
  return created.id;
}

/** An uploaded file, its type already read from its bytes (lib/knowledge/file-type.ts). */
export async function addFileSource(actor: Actor, chatbotId: string, file: { name: string; fileType: string; bytes: Uint8Array }) {
  if (file.bytes.byteLength > knowledgeLimits().maxFileBytes) throw new AppError("file_too_large");
  return addSource(actor, chatbotId, { kind: "file", name: file.name, fileType: file.fileType, content: file.bytes });
}

/** One web page; named by its address until it is fetched. */
export function addUrlSource(actor: Actor, chatbotId: string, url: string) {
  return addSource(actor, chatbotId, { kind: "url", name: url, url });
}

/** A whole site from its sitemap or its links, at most `maxPages` pages (capped by KNOWLEDGE_MAX_SITE_PAGES) and `maxDepth` links deep. */
export async function addSiteSource(actor: Actor, chatbotId: string, site: { url: string; maxPages: number; maxDepth: number }) {
  if (site.maxPages > knowledgeLimits().maxSitePages) throw new AppError("invalid_data", { maxPages: "number_out_of_range" });
  return addSource(actor, chatbotId, { kind: "site", name: site.url, url: site.url, maxPages: site.maxPages, maxDepth: site.maxDepth });
}

/** Text pasted by the owner, under its title. */
export function addTextSource(actor: Actor, chatbotId: string, text: { title: string; body: string }) {
  return addSource(actor, chatbotId, { kind: "text", name: text.title, fileType: "txt", content: new TextEncoder().encode(text.body) });
}

async function ownedSource(actor: Actor, id: string) {
  const source = await db.knowledgeSource.findFirst({ where: ownBotChild(actor, id), select: { id: true, chatbotId: true, kind: true } });
  if (!source) throw new AppError("not_found");
  return source;
}

/**
 * Deletes a source with its pages and pieces (the foreign keys cascade), so its answers go in the
 * same transaction, and moves the bot's knowledge version on so every instance's caches drop it.
 */
export async function deleteSource(actor: Actor, id: string) {
  const source = await ownedSource(actor, id);
  await db.$transaction(async (tx) => {
    const { count } = await tx.knowledgeSource.deleteMany({ where: { id: source.id, chatbotId: source.chatbotId } });
    if (count === 0) throw new AppError("not_found");
    await tx.job.deleteMany({ where: { key: `index:${source.id}`, status: { not: "running" } } });
    await tx.chatbot.update({ where: { id: source.chatbotId }, data: { knowledgeVersion: { increment: 1 } } });
  });
  return { chatbotId: source.chatbotId };
}

/** Indexes a source again (a web source is fetched again); its current pieces answer until the new ones replace them. */
export async function reindexSource(actor: Actor, id: string) {
  const source = await ownedSource(actor, id);
  // One being indexed right now keeps saying so; its job is queued again behind it.
  await db.knowledgeSource.updateMany({ where: { id: source.id, status: { not: "processing" } }, data: { status: "queued", errorCode: null } });
  await enqueueIndex(source.id);
  return { chatbotId: source.chatbotId };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a web source is fetched again by itself: never, daily or weekly from now. */
export async function setSyncSchedule(actor: Actor, id: string, schedule: SyncSchedule, now = new Date()) {
  const source = await ownedSource(actor, id);
  if (source.kind !== "url" && source.kind !== "site") throw new AppError("invalid_data", { schedule: "invalid_data" });
  const nextSyncAt = schedule === "never" ? null : new Date(now.getTime() + (schedule === "daily" ? 1 : 7) * DAY_MS);
  await db.knowledgeSource.update({ where: { id: source.id }, data: { syncSchedule: schedule, nextSyncAt } });
  return { chatbotId: source.chatbotId };
}
