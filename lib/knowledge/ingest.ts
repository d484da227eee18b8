import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { FetchError } from "@/lib/http/safe-fetch";
import { enqueueJob } from "@/lib/jobs/queue";
import { kickJobs, type JobContext } from "@/lib/jobs/worker";
import {
  countPieces,
  dropPagesExcept,
  failPage,
  pagesOf,
  replaceSourcePieces,
  setSourceStatus,
  SourceGone,
  sourceForIndex,
  takeDueSyncs,
  touchPage,
  writePage,
  type PieceData,
  type SourceForIndex,
} from "@/lib/db/knowledge-pieces";
import { chunkSections } from "./chunk";
import { indexEmbedder } from "./embed";
import { crawlSite, fetchPage } from "./crawl";
import { ExtractError, extractFile, type Section } from "./extract";
import { detectLanguage, stemmedTokens } from "./stem";

// Indexing a knowledge source in the background (job kind "knowledge.index", payload
// { sourceId }): its text extracted or fetched, cut into pieces, each stored with its stems for
// the full-text index. A file's, text's or page's pieces are replaced in one transaction with the
// source's `ready` status; a site's pages are written one by one as the crawl meets them (each in
// one transaction), unchanged pages are left alone, vanished ones dropped.
//
// A failure sets `failed` and an error code (an extraction or fetch code, `file_timeout`, or
// `server_error` for anything unexpected, after the job's retries) and leaves the pieces the
// source had: a re-index that fails keeps answering from the last good one, and says failed.

export const INDEX_JOB = "knowledge.index";
/** Any file's extraction gets this long, then `file_timeout` (a PDF is stopped sooner on its own thread: extract.ts). */
export const EXTRACT_TIMEOUT_MS = 120_000;
const DEFAULT_SITE_DEPTH = 2;
const DAY = 24 * 60 * 60 * 1000;

/** Queues (or re-queues) the indexing of a source and starts it; the source shows `queued` unless it is being processed. */
export async function enqueueIndex(sourceId: string): Promise<void> {
  await enqueueJob(INDEX_JOB, { sourceId }, { key: `index:${sourceId}` });
  await setSourceStatus(sourceId, { status: "queued", errorCode: null }, ["ready", "failed", "queued"]);
  kickJobs();
}

/** When a web source syncs next on its schedule; null for "never" (and for files and texts). */
export function nextSyncOf(schedule: string, from = new Date()): Date | null {
  if (schedule === "daily") return new Date(from.getTime() + DAY);
  if (schedule === "weekly") return new Date(from.getTime() + 7 * DAY);
  return null;
}

/** Queues the web sources whose daily or weekly re-sync is due (a periodic task of lib/jobs). */
export async function enqueueScheduledSyncs(now = new Date()): Promise<number> {
  const ids = await takeDueSyncs(now, (schedule) => nextSyncOf(schedule, now));
  for (const id of ids) await enqueueIndex(id);
  return ids.length;
}

/** A piece as stored: its stems in its language, the heading counted with the text. */
function pieceData(pieces: { text: string; heading: string | null; pageNumber: number | null }[], url: string | null): PieceData[] {
  return pieces.map((piece, position) => {
    const lang = detectLanguage(piece.text);
    return {
      position,
      heading: piece.heading,
      pageNumber: piece.pageNumber,
      url,
      text: piece.text,
      terms: stemmedTokens(`${piece.heading ?? ""}\n${piece.text}`, lang).join(" "),
      lang,
    };
  });
}

type Embedder = ReturnType<typeof indexEmbedder>;

/** The pieces with their embeddings when a provider is configured (none when it fails: full text still finds them). */
async function withEmbeddings(pieces: PieceData[], embedTexts: Embedder): Promise<PieceData[]> {
  const vectors = await embedTexts(pieces.map((p) => (p.heading ? `${p.heading}\n${p.text}` : p.text)));
  return pieces.map((p, i) => (vectors[i] ? { ...p, embedding: vectors[i] } : p));
}

const byteLength = (sections: Section[]) => sections.reduce((n, s) => n + Buffer.byteLength(s.text), 0);

const EXTENSIONS: Record<string, string> = { txt: "txt", markdown: "md", csv: "csv", html: "html", pdf: "pdf", docx: "docx" };

/** The name extraction reads the kind of a text file from: the upload's, or one with the type it was read as. */
function nameFor(source: SourceForIndex): string {
  const ext = source.fileType ? EXTENSIONS[source.fileType] : undefined;
  if (!ext || source.name.toLowerCase().endsWith(`.${ext}`)) return source.name;
  return `${source.name}.${ext}`;
}

function withTimeout<T>(work: Promise<T>, ms: number, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ExtractError("file_timeout")), ms);
    const abort = () => reject(signal.reason ?? new Error("aborted"));
    signal.addEventListener("abort", abort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener("abort", abort);
    });
  });
}

async function indexDocument(source: SourceForIndex, signal: AbortSignal, embedTexts: Embedder) {
  if (!source.content) throw new ExtractError("file_no_text");
  const { KNOWLEDGE_MAX_FILE_MB, KNOWLEDGE_MAX_BOT_MB, KNOWLEDGE_MAX_PDF_PAGES } = env();
  const bytes = new Uint8Array(source.content);
  // A pasted text is read as Markdown (its headings label its pieces; plain text is paragraphs).
  const name = source.kind === "text" ? "text.md" : nameFor(source);
  const maxBytes = Math.floor((source.kind === "text" ? KNOWLEDGE_MAX_BOT_MB : KNOWLEDGE_MAX_FILE_MB) * 1024 * 1024);
  const extracted = await withTimeout(extractFile(bytes, name, { maxBytes, maxPdfPages: KNOWLEDGE_MAX_PDF_PAGES }), EXTRACT_TIMEOUT_MS, signal);
  const pieces = await withEmbeddings(pieceData(chunkSections(extracted.sections), null), embedTexts);
  await replaceSourcePieces(source, pieces, { size: bytes.byteLength });
}

async function indexPage(source: SourceForIndex, embedTexts: Embedder) {
  const page = await fetchPage(source.url ?? "");
  const pieces = await withEmbeddings(pieceData(chunkSections(page.sections), page.url), embedTexts);
  const named = source.name === source.url && page.title ? { name: page.title.slice(0, 200) } : {};
  await replaceSourcePieces(source, pieces, { size: byteLength(page.sections), nextSyncAt: nextSyncOf(source.syncSchedule), ...named });
}

const hashOf = (title: string | null, sections: Section[]) => createHash("sha256").update(JSON.stringify([title, sections])).digest("hex");

async function indexSite(source: SourceForIndex, signal: AbortSignal, embedTexts: Embedder) {
  const limit = env().KNOWLEDGE_MAX_SITE_PAGES;
  const maxPages = Math.max(1, Math.min(source.maxPages ?? limit, limit));
  const maxDepth = Math.max(0, Math.min(source.maxDepth ?? DEFAULT_SITE_DEPTH, 10));
  const stored = new Map((await pagesOf(source.id)).map((p) => [p.url, p]));
  const seen: string[] = [];
  let size = 0;
  let good = 0;
  let firstError: string | null = null;
  let title: string | null = null;
  for await (const item of crawlSite(source.url ?? "", { maxPages, maxDepth, signal })) {
    if (signal.aborted) break;
    seen.push(item.url);
    if ("error" in item) {
      firstError ??= item.error;
      // An HTTP error (404, 410…) means the page is gone; a time-out or an unreachable host may pass.
      await failPage(source, item.url, item.error, item.error === "url_http_error");
      continue;
    }
    good++;
    title ??= item.title;
    size += byteLength(item.sections);
    const contentHash = hashOf(item.title, item.sections);
    if (stored.get(item.url)?.contentHash === contentHash) {
      await touchPage(source.id, item.url);
    } else {
      const pieces = await withEmbeddings(pieceData(chunkSections(item.sections), item.url), embedTexts);
      await writePage(source, { url: item.url, title: item.title, contentHash }, pieces);
      await setSourceStatus(source.id, { status: "processing", pieceCount: await countPieces(source.id) });
    }
  }
  // Stopped midway (shutdown, out of time): nothing is dropped; the job runs again.
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason ?? "aborted"));
  // Not one page read (the start page refused, robots.txt, unreachable): the site failed.
  if (good === 0) throw new FetchError((firstError ?? "url_unreachable") as ConstructorParameters<typeof FetchError>[0]);
  await dropPagesExcept(source, seen);
  const named = source.name === source.url && title ? { name: title.slice(0, 200) } : {};
  await setSourceStatus(source.id, {
    status: "ready",
    errorCode: null,
    pieceCount: await countPieces(source.id),
    size,
    syncedAt: new Date(),
    nextSyncAt: nextSyncOf(source.syncSchedule),
    ...named,
  });
}

const knownCode = (error: unknown): string | null => {
  if (error instanceof ExtractError || error instanceof FetchError) return error.code;
  return null;
};

/** The job: indexes one source; expected failures end it with the source `failed`, others are retried. */
export async function indexSource(payload: unknown, context: JobContext): Promise<void> {
  const sourceId = (payload as { sourceId?: unknown } | null)?.sourceId;
  if (typeof sourceId !== "string") return;
  const source = await sourceForIndex(sourceId);
  if (!source) return; // deleted before its turn
  if (!(await setSourceStatus(source.id, { status: "processing", errorCode: null }))) return;
  // One embedder per run: after a failure it stops asking (full text only for this run).
  const embedTexts = indexEmbedder();
  try {
    if (source.kind === "file" || source.kind === "text") await indexDocument(source, context.signal, embedTexts);
    else if (source.kind === "url") await indexPage(source, embedTexts);
    else if (source.kind === "site") await indexSite(source, context.signal, embedTexts);
    else throw new Error(`unknown source kind ${source.kind}`);
  } catch (error) {
    if (error instanceof SourceGone) return;
    if (context.signal.aborted) {
      // Given back (shutdown, out of time): it runs again from the queue.
      await setSourceStatus(source.id, { status: "queued" }, ["processing"]);
      throw error;
    }
    const code = knownCode(error);
    const nextSyncAt = source.kind === "url" || source.kind === "site" ? { nextSyncAt: nextSyncOf(source.syncSchedule) } : {};
    if (code) {
      await setSourceStatus(source.id, { status: "failed", errorCode: code, ...nextSyncAt });
      return;
    }
    // Unexpected: tried again after a wait (the worker logs it); `failed` once the attempts are spent.
    const last = context.attempt >= context.maxAttempts;
    await setSourceStatus(source.id, last ? { status: "failed", errorCode: "server_error", ...nextSyncAt } : { status: "queued" });
    throw error;
  }
}

/** Its worker died during every attempt: the source says so. */
export async function indexGivenUp(payload: unknown): Promise<void> {
  const sourceId = (payload as { sourceId?: unknown } | null)?.sourceId;
  if (typeof sourceId === "string") await setSourceStatus(sourceId, { status: "failed", errorCode: "server_error" });
}
