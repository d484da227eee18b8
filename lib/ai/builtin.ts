import MiniSearch from "minisearch";
import type { ChatModel, KnowledgeEntry } from "./types";

// The built-in model: no LLM, no key, no network. It ranks the bot's own Q&A entries against
// the visitor's message with BM25 (MiniSearch) and answers with the best one when enough of
// the message's meaningful words match; otherwise with the bot's fallback message.

/** Share of the message's meaningful words the best entry must match. */
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

/** The best entry for the message, or null when none matches well enough. */
export function findAnswer(knowledge: KnowledgeEntry[], message: string): KnowledgeEntry | null {
  const wanted = [...new Set(terms(message))];
  if (!knowledge.length || !wanted.length) return null;
  const index = new MiniSearch<KnowledgeEntry & { id: number }>({
    fields: ["question", "answer"],
    storeFields: [],
    tokenize: (text) => normalize(text).split(" "),
    processTerm: (term) => (term && !STOPWORDS_NORMALIZED.has(term) ? term : null),
    searchOptions: { boost: { question: 3 }, prefix: (term) => term.length >= 4, fuzzy: (term) => (term.length >= 6 ? 0.2 : false) },
  });
  index.addAll(knowledge.map((entry, id) => ({ ...entry, id })));
  const [best] = index.search(wanted.join(" "), { combineWith: "OR" });
  if (!best) return null;
  // Which of the visitor's words the best entry matched (exactly, by prefix or fuzzily).
  const matched = wanted.filter((w) => best.queryTerms.includes(w)).length;
  return matched / wanted.length >= MATCH_THRESHOLD ? knowledge[best.id] : null;
}

export const builtinModel: ChatModel = async function* (request) {
  const message = request.history.at(-1)?.content ?? "";
  const reply = findAnswer(request.knowledge, message)?.answer ?? request.fallbackMessage;
  // Streamed in word-sized chunks like every other provider, so the UI has one path.
  const chunks = reply.split(/(?<=\s)/);
  for (const text of chunks) {
    if (request.signal?.aborted) return yield { type: "finish", finishReason: "aborted", inputTokens: null, outputTokens: null };
    yield { type: "text", text };
  }
  yield { type: "finish", finishReason: "stop", inputTokens: null, outputTokens: null };
};
