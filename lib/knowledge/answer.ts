import "server-only";
import type { ChatSource } from "@/lib/chat/wire";
import { stemming, type Analyzer } from "./analyzer";
import type { ContextItem } from "./context";
import { quotePassage } from "./passage";
import { MATCH_THRESHOLD, type KnowledgeEntry, type KnowledgeIndex } from "./retrieval";
import { embeddingsConfigured } from "./embed";
import { searchPieces, searchPiecesFused, type PieceHit } from "./search";

// What a bot knows for one message: its Q&A entries (in memory, ./retrieval.ts) and its document
// pieces (in the database, ./search.ts) ranked together by the share of the message's words they
// match; a Q&A entry is preferred (the owner wrote it as the answer) unless a passage matches
// strictly more of the message's words: "When will I get my refund?" is not answered by the Wi-Fi
// entry's "Can I get on the internet?" (half the words) when the returns policy has both.

/** Share of the message's words the best passage must contain for the built-in model to quote it. */
export const PASSAGE_THRESHOLD = 0.5;

export type Found = { kind: "qa"; entry: KnowledgeEntry; share: number } | { kind: "piece"; piece: PieceHit; share: number };

/** A bot's knowledge as retrieval reads it: its Q&A index, and whether it has document pieces at all (none: no query). */
export type BotKnowledge = { botId: string; index: KnowledgeIndex; hasPieces: boolean };

/** Q&A entries and passages for the message, best first: by share of the message's words, Q&A first on ties. */
export async function findKnowledge(knowledge: BotKnowledge, message: string, limits: { entries: number; passages: number }, analyzer: Analyzer = stemming): Promise<Found[]> {
  const entries = knowledge.index.search(message, limits.entries).map((m): Found => ({ kind: "qa", entry: m.entry, share: m.share }));
  const fused = knowledge.hasPieces && embeddingsConfigured();
  const pieces = knowledge.hasPieces ? await (fused ? searchPiecesFused : searchPieces)(knowledge.botId, message, limits.passages, analyzer) : [];
  const passages = pieces.map((piece): Found => ({ kind: "piece", piece, share: piece.share }));
  if (fused) return mergeFused(entries, passages);
  const found = [...entries, ...passages];
  // Stable: within a kind, each search's own order.
  return found.sort((a, b) => b.share - a.share || (a.kind === "qa" ? -1 : 0) - (b.kind === "qa" ? -1 : 0));
}

/**
 * Q&A entries (by share) and passages in their fused order, merged: the next entry goes first
 * unless the next passage matches strictly more of the message's words — so a passage found by
 * meaning alone (share 0) follows the entries that match, and keeps its place among passages.
 */
function mergeFused(entries: Found[], passages: Found[]): Found[] {
  const qa = [...entries].sort((a, b) => b.share - a.share);
  const merged: Found[] = [];
  let i = 0;
  let j = 0;
  while (i < qa.length || j < passages.length) {
    if (j >= passages.length || (i < qa.length && qa[i].share >= passages[j].share)) merged.push(qa[i++]);
    else merged.push(passages[j++]);
  }
  return merged;
}

const webAddress = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

/** A found entry or passage as the reply names it. */
export function sourceOf(found: Found, ref: number | null = null): ChatSource {
  if (found.kind === "qa") return { ref, kind: "qa", name: found.entry.question, page: null, heading: null, url: null };
  const { piece } = found;
  const kind = (["file", "text", "url", "site"] as const).find((k) => k === piece.source.kind) ?? "file";
  return { ref, kind, name: piece.source.name, page: piece.pageNumber, heading: piece.heading, url: webAddress(piece.url ?? piece.source.url) };
}

/** A source's label for an LLM (English, like the rest of the instructions): "Menu.pdf, page 2, Allergies". */
export function labelOf(source: ChatSource): string {
  if (source.kind === "qa") return "Q&A entry";
  return [source.name, source.page !== null ? `page ${source.page}` : null, source.heading, source.url].filter(Boolean).join(", ");
}

export function contextItems(found: Found[]): ContextItem[] {
  return found.map((f) => ({ label: labelOf(sourceOf(f)), text: f.kind === "qa" ? `Q: ${f.entry.question}\nA: ${f.entry.answer}` : f.piece.text }));
}

/** Whether a found item is good enough for the built-in model to answer with on its own. */
export const answers = (found: Found) => found.share >= (found.kind === "qa" ? MATCH_THRESHOLD : PASSAGE_THRESHOLD);

/**
 * What the built-in model says, and where it came from: the Q&A entry that matches well, unless
 * a passage matches more of the message; else the best passage trimmed to its sentences that
 * carry the message's words, when it matches well enough; null (the fallback message) otherwise.
 * The documents are not searched when a Q&A entry matches every word (or the bot has none).
 */
export async function builtinAnswer(knowledge: BotKnowledge, message: string, analyzer: Analyzer = stemming): Promise<{ answer: string; source: ChatSource } | null> {
  const [entry] = knowledge.index.search(message, 1);
  const qa = entry && entry.share >= MATCH_THRESHOLD ? { answer: entry.entry.answer, source: sourceOf({ kind: "qa", ...entry }) } : null;
  if (qa && entry.share === 1) return qa;
  const [top] = knowledge.hasPieces ? await searchPieces(knowledge.botId, message, 1, analyzer) : [];
  if (qa && (!top || entry.share >= top.share)) return qa;
  if (!top || top.share < PASSAGE_THRESHOLD) return null;
  const quote = quotePassage(top.text, analyzer.query(message), top.lang, analyzer);
  return quote ? { answer: quote, source: sourceOf({ kind: "piece", piece: top, share: top.share }) } : null;
}

/**
 * The sources an LLM's reply used: those it cites ("[2]"); when it cites none, those that
 * match well enough to have answered on their own (it most likely answered from them).
 */
export function citedSources(reply: string, given: Found[]): ChatSource[] {
  const cited = new Set([...reply.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])).filter((n) => n >= 1 && n <= given.length));
  if (cited.size) return [...cited].sort((a, b) => a - b).map((n) => sourceOf(given[n - 1], n));
  return given.filter(answers).map((f) => sourceOf(f));
}
