import MiniSearch from "minisearch";
import { stemming, type Analyzer } from "./analyzer";

// Ranking a bot's Q&A against a visitor's message: BM25 (MiniSearch) over stems in the five
// interface languages (lib/knowledge/stem.ts: "breads" meets "bread", "Saturdays" "Saturday"),
// without the words that carry no topic. The question and each alternative phrasing are indexed
// alike, each beside the answer. Built once per bot and kept (lib/knowledge/index.ts): a bot's
// Q&A is small (lib/validation/knowledge.ts caps it); its documents are searched in the database.

export type KnowledgeEntry = { question: string; answer: string; /** Other ways to ask it, each matching like the question. */ alternatives?: string[] };
export type Match = { entry: KnowledgeEntry; /** share of the message's meaningful words it matched */ share: number };

/** Share of the message's meaningful words the best entry must match to answer on its own. */
export const MATCH_THRESHOLD = 0.5;

/** Lower case, accents and punctuation off: "Où ÊTES-vous ?" → "ou etes vous". */
export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** One way of asking an entry (its question or an alternative), with the entry's answer. */
type Phrasing = { id: number; entry: number; question: string; answer: string };

/** A bot's Q&A, indexed once; `search` ranks the entries for one message. */
export class KnowledgeIndex {
  private readonly index: MiniSearch<Phrasing>;

  constructor(
    readonly entries: KnowledgeEntry[],
    private readonly analyzer: Analyzer = stemming,
  ) {
    this.index = new MiniSearch<Phrasing>({
      fields: ["question", "answer"],
      storeFields: ["entry"],
      tokenize: (text) => analyzer.anyLanguage(text),
      processTerm: (term) => term || null,
      searchOptions: {
        boost: { question: 3 },
        prefix: (term) => term.length >= 4,
        fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
        // The query arrives as terms already (Analyzer.query).
        tokenize: (text) => text.split(" "),
        processTerm: (term) => term || null,
      },
    });
    let id = 0;
    const phrasings: Phrasing[] = [];
    entries.forEach((entry, index) => {
      for (const question of [entry.question, ...(entry.alternatives ?? [])]) {
        if (question.trim()) phrasings.push({ id: id++, entry: index, question, answer: entry.answer });
      }
    });
    this.index.addAll(phrasings);
  }

  /** The best `limit` entries for the message, best first, each with the share of words it matched. */
  search(message: string, limit: number): Match[] {
    const words = this.analyzer.query(message);
    if (!this.entries.length || !words.length || limit <= 0) return [];
    const found = new Map<number, Match>();
    for (const hit of this.index.search([...new Set(words.flat())].join(" "), { combineWith: "OR" })) {
      const matched = new Set(hit.queryTerms);
      // Which of the visitor's words the phrasing matched (exactly, by prefix or fuzzily).
      const share = words.filter((group) => group.some((t) => matched.has(t))).length / words.length;
      const entry = hit.entry as number;
      const seen = found.get(entry);
      if (seen) seen.share = Math.max(seen.share, share);
      else found.set(entry, { entry: this.entries[entry], share });
    }
    return [...found.values()].slice(0, limit);
  }

  /** The entry that answers the message on its own, or null when none matches well enough. */
  bestAnswer(message: string): KnowledgeEntry | null {
    const [best] = this.search(message, 1);
    return best && best.share >= MATCH_THRESHOLD ? best.entry : null;
  }
}
