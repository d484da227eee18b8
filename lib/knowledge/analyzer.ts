import { queryStems, stemmedTokens, tokens, type Lang } from "./stem";

// How texts become the terms retrieval compares: one analyzer for the pieces in the database,
// the Q&A index in memory and the extractive answer, so all three agree on what "matches".
// `stemming` is the product's; `plainWords` (normalised words, no stems) exists for the
// retrieval evaluation's baseline (lib/knowledge/eval).

export type Analyzer = {
  /** A document's terms, duplicates kept (term frequency counts). */
  document(text: string, lang: Lang): string[];
  /** A short text whose language cannot be told (a Q&A entry): its terms in all five languages. */
  anyLanguage(text: string): string[];
  /**
   * A message's meaningful words, each as the terms it may meet (its stems in the five
   * languages): a word matched when any of them is found. At most QUERY_WORDS words.
   */
  query(text: string): string[][];
};

/** Words of a message that count: a longer message is cut here (the query stays small and fast). */
export const QUERY_WORDS = 32;

const fold = (word: string) => word.normalize("NFD").replace(/\p{M}+/gu, "").normalize("NFC");

/** The message's words once each (by the terms they stand for), at most QUERY_WORDS. */
function distinct(groups: string[][]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const group of groups) {
    const key = [...group].sort().join(" ");
    if (!group.length || seen.has(key)) continue;
    seen.add(key);
    out.push(group);
    if (out.length === QUERY_WORDS) break;
  }
  return out;
}

export const stemming: Analyzer = {
  document: stemmedTokens,
  anyLanguage: (text) => tokens(text).flatMap((word) => queryStems(word)),
  query: (text) => distinct(tokens(text).map((word) => queryStems(word))),
};

export const plainWords: Analyzer = {
  document: (text) => tokens(text).map(fold),
  anyLanguage: (text) => tokens(text).map(fold),
  query: (text) => distinct(tokens(text).map((word) => [fold(word)])),
};

/** Share of the message's words (groups from `Analyzer.query`) that a document's terms meet. */
export function shareMatched(words: string[][], terms: ReadonlySet<string>): number {
  if (!words.length) return 0;
  return words.filter((group) => group.some((t) => terms.has(t))).length / words.length;
}
