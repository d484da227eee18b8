import "server-only";
import { db, type Tx } from "./client";

// What indexing writes: a source's pieces, its pages (web sites) and its status. Called by the
// background job only (lib/knowledge/ingest.ts), which acts for no user: owners reach sources
// through their own data functions, scoped by owner.

export type PieceData = {
  position: number;
  heading: string | null;
  pageNumber: number | null;
  url: string | null;
  text: string;
  terms: string;
  lang: string;
  /** float32 little-endian (lib/knowledge/embed.ts), when an embedding provider is configured. */
  embedding?: Uint8Array<ArrayBuffer> | null;
};

export type SourceForIndex = {
  id: string;
  chatbotId: string;
  kind: string;
  name: string;
  url: string | null;
  fileType: string | null;
  content: Uint8Array | null;
  status: string;
  maxPages: number | null;
  maxDepth: number | null;
  syncSchedule: string;
};

/** The source went away while it was being indexed (its owner deleted it). */
export class SourceGone extends Error {
  constructor() {
    super("source_gone");
    this.name = "SourceGone";
  }
}

const bump = (tx: Tx, chatbotId: string) => tx.chatbot.update({ where: { id: chatbotId }, data: { knowledgeVersion: { increment: 1 } } });

export function sourceForIndex(id: string): Promise<SourceForIndex | null> {
  return db.knowledgeSource.findUnique({
    where: { id },
    select: { id: true, chatbotId: true, kind: true, name: true, url: true, fileType: true, content: true, status: true, maxPages: true, maxDepth: true, syncSchedule: true },
  });
}

type SourceStatus = { status: "queued" | "processing" | "ready" | "failed"; errorCode?: string | null; nextSyncAt?: Date | null; pieceCount?: number; size?: number; name?: string; syncedAt?: Date };

/** Sets a source's status (and what goes with it); false when the source is gone. */
export async function setSourceStatus(id: string, data: SourceStatus, onlyFrom?: string[]): Promise<boolean> {
  const result = await db.knowledgeSource.updateMany({ where: { id, ...(onlyFrom ? { status: { in: onlyFrom } } : {}) }, data });
  return result.count === 1;
}

const pieceRows = (source: { id: string; chatbotId: string }, pageId: string | null, pieces: PieceData[]) =>
  pieces.map((p) => ({ ...p, sourceId: source.id, chatbotId: source.chatbotId, pageId }));

/**
 * A file's, text's or page's pieces replaced and the source `ready`, in one transaction: no one
 * ever sees half of them, and the bot's caches learn of the change.
 */
export async function replaceSourcePieces(
  source: { id: string; chatbotId: string },
  pieces: PieceData[],
  finish: { size?: number; name?: string; nextSyncAt?: Date | null },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.knowledgeSource.updateMany({
      where: { id: source.id },
      data: { status: "ready", errorCode: null, pieceCount: pieces.length, syncedAt: new Date(), ...finish },
    });
    if (updated.count === 0) throw new SourceGone();
    await tx.knowledgePiece.deleteMany({ where: { sourceId: source.id } });
    await tx.knowledgePage.deleteMany({ where: { sourceId: source.id } });
    if (pieces.length) await tx.knowledgePiece.createMany({ data: pieceRows(source, null, pieces) });
    await bump(tx, source.chatbotId);
  });
}

export type StoredPage = { id: string; url: string; contentHash: string | null; pieceCount: number };

export function pagesOf(sourceId: string): Promise<StoredPage[]> {
  return db.knowledgePage.findMany({ where: { sourceId }, select: { id: true, url: true, contentHash: true, pieceCount: true } });
}

/** One crawled page and its pieces, replacing what the page had, in one transaction. */
export async function writePage(
  source: { id: string; chatbotId: string },
  page: { url: string; title: string | null; contentHash: string },
  pieces: PieceData[],
): Promise<void> {
  await db.$transaction(async (tx) => {
    if (!(await tx.knowledgeSource.findUnique({ where: { id: source.id }, select: { id: true } }))) throw new SourceGone();
    const data = { title: page.title, contentHash: page.contentHash, errorCode: null, pieceCount: pieces.length, syncedAt: new Date() };
    const row = await tx.knowledgePage.upsert({
      where: { sourceId_url: { sourceId: source.id, url: page.url } },
      create: { sourceId: source.id, url: page.url, ...data },
      update: data,
      select: { id: true },
    });
    await tx.knowledgePiece.deleteMany({ where: { pageId: row.id } });
    if (pieces.length) await tx.knowledgePiece.createMany({ data: pieceRows(source, row.id, pieces) });
    await bump(tx, source.chatbotId);
  });
}

/** A page fetched again with the same text: only its time (and no error) change. */
export async function touchPage(sourceId: string, url: string): Promise<void> {
  await db.knowledgePage.updateMany({ where: { sourceId, url }, data: { syncedAt: new Date(), errorCode: null } });
}

/** A page that failed: listed with its reason; its pieces go when `drop` (it is gone), else stay. */
export async function failPage(source: { id: string; chatbotId: string }, url: string, errorCode: string, drop: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    if (!(await tx.knowledgeSource.findUnique({ where: { id: source.id }, select: { id: true } }))) throw new SourceGone();
    const existing = await tx.knowledgePage.findUnique({ where: { sourceId_url: { sourceId: source.id, url } }, select: { id: true, pieceCount: true } });
    if (!existing) {
      await tx.knowledgePage.create({ data: { sourceId: source.id, url, errorCode, contentHash: null, pieceCount: 0 } });
      return;
    }
    if (drop && existing.pieceCount > 0) {
      await tx.knowledgePiece.deleteMany({ where: { pageId: existing.id } });
      await bump(tx, source.chatbotId);
    }
    await tx.knowledgePage.update({
      where: { id: existing.id },
      data: { errorCode, syncedAt: new Date(), ...(drop ? { contentHash: null, pieceCount: 0 } : {}) },
    });
  });
}

/** Pages the last crawl did not meet (gone from the site) dropped with their pieces. */
export async function dropPagesExcept(source: { id: string; chatbotId: string }, keep: string[]): Promise<number> {
  return db.$transaction(async (tx) => {
    const gone = await tx.knowledgePage.findMany({ where: { sourceId: source.id, url: { notIn: keep } }, select: { id: true } });
    if (!gone.length) return 0;
    // Pieces first, then the pages (the cascade would do it; explicit keeps the FTS triggers' work visible).
    await tx.knowledgePiece.deleteMany({ where: { pageId: { in: gone.map((p) => p.id) } } });
    await tx.knowledgePage.deleteMany({ where: { id: { in: gone.map((p) => p.id) } } });
    await bump(tx, source.chatbotId);
    return gone.length;
  });
}

export function countPieces(sourceId: string): Promise<number> {
  return db.knowledgePiece.count({ where: { sourceId } });
}

/** Web sources whose scheduled re-sync is due, each claimed by moving its next time on (two callers never both take one). */
export async function takeDueSyncs(now: Date, nextOf: (schedule: string) => Date | null): Promise<string[]> {
  const due = await db.knowledgeSource.findMany({
    where: { kind: { in: ["url", "site"] }, syncSchedule: { in: ["daily", "weekly"] }, nextSyncAt: { lte: now } },
    select: { id: true, syncSchedule: true, nextSyncAt: true },
    take: 500,
  });
  const taken: string[] = [];
  for (const source of due) {
    const claimed = await db.knowledgeSource.updateMany({
      where: { id: source.id, nextSyncAt: source.nextSyncAt },
      data: { nextSyncAt: nextOf(source.syncSchedule) },
    });
    if (claimed.count === 1) taken.push(source.id);
  }
  return taken;
}
