import "server-only";
import { sql } from "@/lib/db/direct";
import { env, isPostgres } from "@/lib/env";
import { db } from "@/lib/db/client";
import { shareMatched, stemming, type Analyzer } from "./analyzer";
import { cosine, embeddingsConfigured, embedQuery, fromBytes, reciprocalRankFusion } from "./embed";

// A bot's document pieces ranked against a visitor's message by the database's own full-text
// index (SQLite FTS5 with bm25, PostgreSQL tsvector + GIN with ts_rank_cd), so nothing of the
// pieces is held in memory however many bots and pieces there are. The index rows carry the
// bot's token ("zb" + chatbotId, migration 20261204130101_knowledge_sources): the query asks for
// it AND any of the message's stems, so the index itself keeps to one bot.

export type PieceHit = {
  id: string;
  text: string;
  heading: string | null;
  pageNumber: number | null;
  /** The web page it came from, if any. */
  url: string | null;
  lang: string;
  source: { id: string; name: string; kind: string; url: string | null };
  /** The database's rank, higher is better (comparable within one search only). */
  score: number;
  /** Share of the message's meaningful words the piece contains (0…1): what the thresholds read. */
  share: number;
  /** The piece's terms, for trimming it to the sentences that carry the message's words. */
  terms: ReadonlySet<string>;
};

/** Pieces the database ranks for each one returned: reordered here by the share of words matched. */
const CANDIDATES_PER_RESULT = 4;
const MIN_CANDIDATES = 20;

/** A term as FTS5 reads it: one string, double quotes doubled — nothing in it is syntax. */
const ftsString = (term: string) => `"${term.replaceAll('"', '""')}"`;
/** A term as to_tsquery reads it: a quoted lexeme, quotes and backslashes doubled — nothing in it is syntax. */
const tsLexeme = (term: string) => `'${term.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
/** Only terms with a letter or digit reach a query (a term of marks alone would be an empty phrase). */
const usable = (term: string) => /[\p{L}\p{N}]/u.test(term);

/**
 * The full-text queries for one bot and a message's terms, exported for the tests of hostile
 * input: every term is quoted, so a visitor's text can only ever be words to look for.
 */
export function fullTextQueries(botId: string, terms: string[]) {
  const wanted = [...new Set(terms.filter(usable))];
  if (!wanted.length) return null;
  return {
    fts: `${ftsString(`zb${botId}`)} AND (${wanted.map(ftsString).join(" OR ")})`,
    tsBot: `${tsLexeme(`zb${botId}`)} & (${wanted.map(tsLexeme).join(" | ")})`,
    tsTerms: wanted.map(tsLexeme).join(" | "),
  };
}

const SELECTED = `p."id", p."text", p."heading", p."pageNumber", p."url", p."lang", p."terms", s."id" AS "sourceId", s."name" AS "sourceName", s."kind" AS "sourceKind", s."url" AS "sourceUrl"`;

type Row = Record<string, unknown>;

function hitOf(row: Row, words: string[][]): PieceHit {
  const terms = new Set(String(row.terms).split(" "));
  return {
    id: String(row.id),
    text: String(row.text),
    heading: row.heading === null ? null : String(row.heading),
    pageNumber: row.pageNumber === null ? null : Number(row.pageNumber),
    url: row.url === null ? null : String(row.url),
    lang: String(row.lang),
    source: { id: String(row.sourceId), name: String(row.sourceName), kind: String(row.sourceKind), url: row.sourceUrl === null ? null : String(row.sourceUrl) },
    score: Number(row.rank),
    share: shareMatched(words, terms),
    terms,
  };
}

/** The database's best `candidates` pieces for the query, reordered by share (stable: equal shares keep its order). */
async function fullTextHits(botId: string, words: string[][], candidates: number): Promise<PieceHit[]> {
  const queries = fullTextQueries(botId, words.flat());
  if (!queries) return [];
  // Ranked inside the full-text index first, and only the best candidates joined to their rows
  // and sources: a question can match thousands of a bot's pieces (bench:knowledge).
  const { rows } = isPostgres(env().DATABASE_URL)
    ? await sql(
        `WITH top AS (
           SELECT p."id", ts_rank_cd(p."search", to_tsquery('simple', $1), 1) AS "rank"
           FROM "KnowledgePiece" p
           WHERE p."search" @@ to_tsquery('simple', $2) AND p."chatbotId" = $3
           ORDER BY "rank" DESC LIMIT ${candidates})
         SELECT ${SELECTED}, top."rank" FROM top
         JOIN "KnowledgePiece" p ON p."id" = top."id" JOIN "KnowledgeSource" s ON s."id" = p."sourceId"
         ORDER BY top."rank" DESC, p."sourceId", p."position"`,
        [queries.tsTerms, queries.tsBot, botId],
      )
    : await sql(
        `WITH top AS (
           SELECT rowid AS "r", -bm25("KnowledgePieceFts") AS "rank" FROM "KnowledgePieceFts"
           WHERE "KnowledgePieceFts" MATCH $1 ORDER BY "rank" DESC LIMIT ${candidates})
         SELECT ${SELECTED}, top."rank" FROM top
         JOIN "KnowledgePiece" p ON p.rowid = top."r" JOIN "KnowledgeSource" s ON s."id" = p."sourceId"
         WHERE p."chatbotId" = $2
         ORDER BY top."rank" DESC, p."sourceId", p."position"`,
        [queries.fts, botId],
      );
  return rows.map((row) => hitOf(row, words)).sort((a, b) => b.share - a.share);
}

/**
 * The bot's pieces that best answer the message, best first, at most `limit`: ranked by the
 * database (bm25 / ts_rank_cd) among all of the bot's pieces, then the best few reordered by
 * the share of the message's words they contain (a piece with both "gluten" and "bread" before
 * one that says "bread" three times). Pieces of deleted sources are gone with them. Full text
 * only: what the built-in model quotes from.
 */
export async function searchPieces(botId: string, message: string, limit: number, analyzer: Analyzer = stemming): Promise<PieceHit[]> {
  if (limit <= 0) return [];
  const words = analyzer.query(message);
  const hits = await fullTextHits(botId, words, Math.max(limit * CANDIDATES_PER_RESULT, MIN_CANDIDATES));
  return hits.slice(0, limit);
}

/** Full-text candidates fused with the nearest pieces by meaning. */
const FUSED_CANDIDATES = 50;
/**
 * The most recent embedded pieces of a bot compared with a message, read in pages: the scan is
 * in memory (no vector index on these engines), so it is bounded — at 1,536 dimensions, 2,000
 * pieces are about 12 MB read and 3 million multiplications per message.
 */
export const VECTOR_SCAN_LIMIT = 2000;
const VECTOR_SCAN_PAGE = 250;
/** Reciprocal-rank fusion's constant (the usual 60: a rank's weight falls slowly). */
const RRF_K = 60;

/** Ids of the bot's pieces nearest to the vector (cosine at least EMBEDDING_MIN_SIMILARITY), nearest first. */
export async function nearestPieces(botId: string, vector: Float32Array, count: number): Promise<string[]> {
  const min = env().EMBEDDING_MIN_SIMILARITY;
  const best: { id: string; similarity: number }[] = [];
  let cursor: string | undefined;
  for (let read = 0; read < VECTOR_SCAN_LIMIT; ) {
    // Newest first: cuids grow with time.
    const page = await db.knowledgePiece.findMany({
      where: { chatbotId: botId, embedding: { not: null }, ...(cursor ? { id: { lt: cursor } } : {}) },
      select: { id: true, embedding: true },
      orderBy: { id: "desc" },
      take: Math.min(VECTOR_SCAN_PAGE, VECTOR_SCAN_LIMIT - read),
    });
    for (const piece of page) {
      const similarity = cosine(vector, fromBytes(piece.embedding!));
      if (similarity >= min) best.push({ id: piece.id, similarity });
    }
    best.sort((a, b) => b.similarity - a.similarity).splice(count);
    read += page.length;
    if (page.length < VECTOR_SCAN_PAGE) break;
    cursor = page.at(-1)!.id;
  }
  return best.map((b) => b.id);
}

async function piecesByIds(ids: string[], words: string[][]): Promise<PieceHit[]> {
  if (!ids.length) return [];
  const { rows } = await sql(
    `SELECT ${SELECTED}, 0 AS "rank" FROM "KnowledgePiece" p JOIN "KnowledgeSource" s ON s."id" = p."sourceId"
     WHERE p."id" IN (${ids.map((_, i) => `$${i + 1}`).join(", ")})`,
    ids,
  );
  return rows.map((row) => hitOf(row, words));
}

/**
 * What an LLM bot is given: with an embedding provider, the full-text candidates (ranked as in
 * searchPieces) and the nearest pieces by meaning, fused by reciprocal-rank fusion — so a passage
 * that shares no word with the message can still reach it; each hit keeps its real share of the
 * message's words (0 for one found by meaning alone). Without a provider, or when the message
 * cannot be embedded in time, exactly searchPieces.
 */
export async function searchPiecesFused(botId: string, message: string, limit: number, analyzer: Analyzer = stemming): Promise<PieceHit[]> {
  if (limit <= 0) return [];
  if (!embeddingsConfigured()) return searchPieces(botId, message, limit, analyzer);
  const words = analyzer.query(message);
  const [vector, lexical] = await Promise.all([embedQuery(message), fullTextHits(botId, words, FUSED_CANDIDATES)]);
  if (!vector) return lexical.slice(0, limit);
  const nearest = await nearestPieces(botId, vector, FUSED_CANDIDATES);
  const fused = reciprocalRankFusion([lexical.map((h) => h.id), nearest], RRF_K).slice(0, limit);
  const known = new Map(lexical.map((h) => [h.id, h]));
  for (const hit of await piecesByIds(fused.filter((id) => !known.has(id)), words)) known.set(hit.id, hit);
  return fused.flatMap((id) => known.get(id) ?? []);
}
