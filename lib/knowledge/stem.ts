import { stemmer as arabicStem } from "@orama/stemmers/arabic";
import { stemmer as englishStem } from "@orama/stemmers/english";
import { stemmer as frenchStem } from "@orama/stemmers/french";
import { stemmer as germanStem } from "@orama/stemmers/german";
import { stemmer as spanishStem } from "@orama/stemmers/spanish";
import { stopwords as arabicStopwords } from "@orama/stopwords/arabic";
import { stopwords as englishStopwords } from "@orama/stopwords/english";
import { stopwords as frenchStopwords } from "@orama/stopwords/french";
import { stopwords as germanStopwords } from "@orama/stopwords/german";
import { stopwords as spanishStopwords } from "@orama/stopwords/spanish";

// Words to index terms in the five interface languages: "breads" and "bread", "panes" and "pan",
// "المعلمين" and "معلم" meet on one stem. Documents are stemmed in their language; a query in
// all five (a short query's language cannot be told reliably).

export type Lang = "en" | "es" | "de" | "fr" | "ar";
export const LANGS: readonly Lang[] = ["en", "es", "de", "fr", "ar"];

const STEMMERS: Record<Lang, (word: string) => string> = { en: englishStem, es: spanishStem, de: germanStem, fr: frenchStem, ar: arabicStem };

/** Arabic's optional vowel marks and tatweel off, hamza-carrying alefs as a bare alef: how people type it. */
function normalizeArabic(text: string): string {
  return text.replace(/[\u064b-\u065f\u0670\u06d6-\u06ed]/g, "").replace(/\u0640/g, "").replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627");
}

const fold = (word: string) => word.normalize("NFD").replace(/\p{M}+/gu, "").normalize("NFC");

function words(text: string): string[] {
  return normalizeArabic(text.normalize("NFKC").toLowerCase())
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w.length > 1 || /\p{N}/u.test(w));
}

// Removed from every text, whatever its language: the function words of the five languages.
// The packaged lists hold a few words that carry a topic in a business's texts (Spanish "horas",
// "tarde"; Arabic "يوم", "صباح"; German "hat", "war" are English words): those are kept.
const KEEP = new Set([
  "may", "hat", "war", "man", "bin", "weg", "machen", "ai", "aura", "été", "son",
  ...("actualmente acuerdo adelante afirmó agregó anterior aproximadamente arriba aseguró ayer añadió bajo breve buen buena buenas bueno buenos cerca cierto cinco claro comentó conocer conseguimos conseguir considera consideró consigue consiguen cosas creo cuatro cuenta dado dar debajo debe deben debido decir dejó delante deprisa despacio dia dias día días dice dicen dicho dieron diferente diferentes dijeron dijo dio dos ejemplo emplean emplear empleo encima encuentra enfrente enseguida estado estados existe existen explicó expresó fin final general gran grandes habla hablan hace hacen hacer hecho horas hoy igual indicó informó intenta intentar intento ir junto lado largo lejos llegó lleva llevar lugar mal manera manifestó mayor medio mejor mencionó menos momento nueva nuevas nuevo nuevos ocho pais país parte partir pasada pasado peor posible primer primera primero primeros pronto proximo próximo próximos quedó raras realizado realizar realizó repente respecto saber salvo segunda segundo seis señaló siempre siete sigue siguiente tarde temprano tercera tiempo total trabaja trabajamos trabajan trabajar trabajas trabajo tres ultimo usa usamos usan usar uso valor veces ver verdad verdadera verdadero vez última últimas último últimos".split(" ")),
  ...["يوم", "اليوم", "ايام", "صباح", "مساء", "غدا", "امس", "عام", "عاما", "عامة", "سنة", "سنوات", "ايار", "مايو", "الوقت", "زيارة", "قوة", "مليون", "مليار", "الف", "عشر", "عشرة", "ثلاثة", "اربعة", "واحد", "صفر", "نهاية", "السابق", "المقبل", "الماضي", "الاول", "الاولى", "الثاني", "الثانية", "الاخيرة"].map(normalizeArabic),
]);

// Greetings and the verb forms of questions that the packaged lists lack.
const EXTRA: Record<Lang, string> = {
  en: "hi hello hey please thanks thank yes ok",
  es: "hola favor gracias tenéis tienes",
  de: "hallo bitte danke habt hast seid gibt wann warum wieso weshalb",
  fr: "bonjour salut merci où quand comment quoi pourquoi combien",
  ar: "مرحبا شكرا",
};
const LISTS: Record<Lang, string[]> = {
  en: [...englishStopwords, ...EXTRA.en.split(" ")],
  es: [...spanishStopwords, ...EXTRA.es.split(" ")],
  de: [...germanStopwords, ...EXTRA.de.split(" ")],
  fr: [...frenchStopwords, ...EXTRA.fr.split(" ")],
  ar: [...arabicStopwords, ...EXTRA.ar.split(" ")],
};
const normalizedList = (list: string[]) => list.flatMap((w) => words(w));
/** For telling languages apart: every packaged word. */
const DETECT: Record<Lang, Set<string>> = Object.fromEntries(LANGS.map((l) => [l, new Set(normalizedList(LISTS[l]))])) as Record<Lang, Set<string>>;
/** For removal: all five lists, less the words kept above. */
const STOPWORDS = new Set(LANGS.flatMap((l) => [...DETECT[l]]).filter((w) => !KEEP.has(w)));

/** Lower case, NFKC, Arabic marks off (Latin accents kept: the stemmers use them), split on what is not a letter or digit, function words of all five languages removed. */
export function tokens(text: string): string[] {
  return words(text).filter((w) => !STOPWORDS.has(w));
}

/**
 * The stems of a word, accents folded: its stem, and the stem of the word without accents when
 * that differs ("panadería" → "panad", "panaderi") so a query typed without accents still meets it.
 */
function stems(word: string, lang: Lang): string[] {
  const stem = STEMMERS[lang];
  const a = fold(stem(word));
  const plain = fold(word);
  if (plain === word) return [a];
  const b = fold(stem(plain));
  return a === b ? [a] : [a, b];
}

/** For indexing a document in its language (duplicates kept: term frequency counts). */
export function stemmedTokens(text: string, lang: Lang): string[] {
  return tokens(text).flatMap((w) => stems(w, lang));
}

/** For a query: the stems of its tokens in all five languages, deduplicated. */
export function queryStems(text: string): string[] {
  const out = new Set<string>();
  for (const w of tokens(text)) for (const lang of LANGS) for (const s of stems(w, lang)) out.add(s);
  return [...out];
}

/** The language of a text by its function words (a word shared by several counts for each in part); Arabic script decides Arabic; "en" when nothing tells. */
export function detectLanguage(text: string): Lang {
  const all = words(text);
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const arabic = text.match(/[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/g)?.length ?? 0;
  if (letters > 0 && arabic / letters > 0.3) return "ar";
  const score: Record<Lang, number> = { en: 0, es: 0, de: 0, fr: 0, ar: 0 };
  for (const w of all) {
    const langs = LANGS.filter((l) => l !== "ar" && DETECT[l].has(w));
    for (const l of langs) score[l] += 1 / langs.length;
  }
  let best: Lang = "en";
  for (const l of LANGS) if (score[l] > score[best]) best = l;
  return best;
}
