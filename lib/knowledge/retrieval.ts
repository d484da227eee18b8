import MiniSearch from "minisearch";

// Ranking a bot's Q&A against a visitor's message: BM25 (MiniSearch) over normalised words,
// without the words that carry no topic. Built once per bot and kept (lib/knowledge/index.ts).

export type KnowledgeEntry = { question: string; answer: string };
export type Match = { entry: KnowledgeEntry; /** share of the message's meaningful words it matched */ share: number };

/** Share of the message's meaningful words the best entry must match to answer on its own. */
export const MATCH_THRESHOLD = 0.5;

// Words that carry no topic, in the five interface languages: they neither help nor count.
const STOPWORDS = new Set(
  (
    "a an the and or but of to in on at for from by with about is are was were be been do does did can could " +
    "would should will i you he she it we they me my your our their this that these those what which who whom " +
    "when where why how please hi hello hey there any some have has had not no yes so if than then just also " +
    "el la los las un una unos unas y o de del al en por para con que qué cómo como cuándo cuando dónde donde es son " +
    "está están estar ser se su sus mi mis tu tus yo usted ustedes hola favor lo le les me te nos " +
    "der die das den dem des ein eine einen einem einer und oder von zu im in am an auf für mit ist sind war " +
    "wie was wann wo warum ich du sie wir ihr es mein dein ihre unser hallo bitte haben hat kann können " +
    "le la les un une des et ou de du au aux en par pour avec que quoi comment quand où est sont être je tu il elle " +
    "nous vous ils elles mon ma mes ton ta tes son sa ses votre vos notre nos bonjour merci ce cette ces"
  ).split(" "),
);

/** Lower case, accents and punctuation off: "Où ÊTES-vous ?" → "ou etes vous". */
export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const STOPWORDS_NORMALIZED = new Set([...STOPWORDS].map(normalize));

function terms(text: string): string[] {
  return normalize(text)
    .split(" ")
    .filter((t) => t && !STOPWORDS_NORMALIZED.has(t));
}

/** A bot's Q&A, indexed once; `search` ranks the entries for one message. */
export class KnowledgeIndex {
  private readonly index: MiniSearch<KnowledgeEntry & { id: number }>;

  constructor(readonly entries: KnowledgeEntry[]) {
    this.index = new MiniSearch<KnowledgeEntry & { id: number }>({
      fields: ["question", "answer"],
      storeFields: [],
      tokenize: (text) => normalize(text).split(" "),
      processTerm: (term) => (term && !STOPWORDS_NORMALIZED.has(term) ? term : null),
      searchOptions: { boost: { question: 3 }, prefix: (term) => term.length >= 4, fuzzy: (term) => (term.length >= 6 ? 0.2 : false) },
    });
    this.index.addAll(entries.map((entry, id) => ({ ...entry, id })));
  }

  /** The best `limit` entries for the message, best first, each with the share of words it matched. */
  search(message: string, limit: number): Match[] {
    const wanted = [...new Set(terms(message))];
    if (!this.entries.length || !wanted.length) return [];
    return this.index
      .search(wanted.join(" "), { combineWith: "OR" })
      .slice(0, limit)
      .map((hit) => ({
        entry: this.entries[hit.id],
        // Which of the visitor's words the entry matched (exactly, by prefix or fuzzily).
        share: wanted.filter((w) => hit.queryTerms.includes(w)).length / wanted.length,
      }));
  }

  /** The entry that answers the message on its own, or null when none matches well enough. */
  bestAnswer(message: string): KnowledgeEntry | null {
    const [best] = this.search(message, 1);
    return best && best.share >= MATCH_THRESHOLD ? best.entry : null;
  }
}
