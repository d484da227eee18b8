import "server-only";
import { sql } from "@/lib/db/direct";
import { env, isPostgres } from "@/lib/env";
import { shareMatched, stemming, type Analyzer } from "./analyzer";

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

/**
 * The bot's pieces that best answer the message, best first, at most `limit`: ranked by the
 * database (bm25 / ts_rank_cd) among all of the bot's pieces, then the best few reordered by
 * the share of the message's words they contain (a piece with both "gluten" and "bread" before
 * one that says "bread" three times). Pieces of deleted sources are gone with them.
 */
export async function searchPieces(botId: string, message: string, limit: number, analyzer: Analyzer = stemming): Promise<PieceHit[]> {
  const words = analyzer.query(message);
  const queries = fullTextQueries(botId, words.flat());
  if (!queries || limit <= 0) return [];
  const candidates = Math.max(limit * CANDIDATES_PER_RESULT, MIN_CANDIDATES);
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
  const hits = rows.map((row): PieceHit => {
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
  });
  // Stable: equal shares keep the database's order.
  return hits.sort((a, b) => b.share - a.share).slice(0, limit);
}
