import { stemming, type Analyzer } from "./analyzer";
import { LANGS, type Lang } from "./stem";

// The built-in model's answer from a document: the best passage trimmed to the whole sentences
// that carry the message's words — the best sentence, then its neighbours while they carry at
// least half as many (or while the answer is still very short), never past QUOTE_MAX characters.

/** The longest quote the built-in model gives (a sentence longer than this alone is given whole). */
export const QUOTE_MAX = 420;
/** A quote shorter than this takes the next sentence as well (a heading-like line alone says little). */
const QUOTE_MIN = 60;

const segmenter = new Intl.Segmenter(undefined, { granularity: "sentence" });

type Sentence = { text: string; /** begins a line of its own (a list, a table row, a new paragraph) */ newLine: boolean };

/** Lines, then the sentences of each line, in order. */
function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const line of text.split(/\n+/)) {
    let first = true;
    for (const { segment } of segmenter.segment(line)) {
      const sentence = segment.trim();
      if (!sentence) continue;
      out.push({ text: sentence, newLine: first });
      first = false;
    }
  }
  return out;
}

const langOf = (lang: string): Lang => ((LANGS as readonly string[]).includes(lang) ? (lang as Lang) : "en");

/** The sentences of `text` that answer the message (`words` from Analyzer.query), joined; its first sentences when none carries a word (its heading did). */
export function quotePassage(text: string, words: string[][], lang: string, analyzer: Analyzer = stemming): string {
  const sentences = sentencesOf(text);
  const carried = sentences.map((s) => {
    const terms = new Set(analyzer.document(s.text, langOf(lang)));
    return words.map((group) => group.some((t) => terms.has(t)));
  });
  // A word found in fewer of the passage's sentences says more about which one answers.
  const spread = words.map((_, w) => carried.filter((c) => c[w]).length);
  const scores = carried.map((c) => c.reduce((sum, has, w) => sum + (has ? 1 / spread[w] : 0), 0));
  let best = -1;
  scores.forEach((score, i) => {
    if (score > 0 && (best < 0 || score > scores[best])) best = i;
  });
  // Only the heading carries the words (it is indexed with the text): the section's beginning.
  const minimum = best < 0 ? QUOTE_MAX : QUOTE_MIN;
  if (best < 0) best = 0;
  if (!sentences.length) return "";
  // A neighbour joins when it carries at least half as many of the words as the best sentence.
  const carries = (i: number) => scores[i] > 0 && scores[i] * 2 >= scores[best];
  let from = best;
  let to = best;
  let length = sentences[best].text.length;
  const fits = (i: number) => length + 1 + sentences[i].text.length <= QUOTE_MAX;
  for (;;) {
    // Neighbours that carry words first (the one that carries more), then the next one if still short.
    const before = from > 0 && carries(from - 1) && fits(from - 1) ? from - 1 : -1;
    const after = to < sentences.length - 1 && carries(to + 1) && fits(to + 1) ? to + 1 : -1;
    if (before < 0 && after < 0) break;
    const take = after >= 0 && (before < 0 || scores[after] >= scores[before]) ? after : before;
    length += 1 + sentences[take].text.length;
    if (take === after) to = after;
    else from = before;
  }
  while (length < minimum && to < sentences.length - 1 && fits(to + 1)) {
    to += 1;
    length += 1 + sentences[to].text.length;
  }
  return sentences
    .slice(from, to + 1)
    .map((s, i) => (i === 0 ? s.text : `${s.newLine ? "\n\n" : " "}${s.text}`))
    .join("");
}
