import type { Section } from "./extract";

// Sections (a heading's or a PDF page's text) cut into pieces for retrieval. About 800
// characters (~150–200 words, a few paragraphs: enough context for an answer, small enough that
// one piece is about one thing and a built-in bot can quote it), never more than 1200; cut at
// paragraphs, else sentences, else words. Consecutive pieces of one section share one sentence,
// so a fact straddling a cut is whole in one of them. Each piece keeps its heading or page.

export type Piece = { text: string; heading: string | null; pageNumber: number | null };

export const PIECE_TARGET = 800;
export const PIECE_MAX = 1200;
/** A last sentence longer than this is not repeated in the next piece. */
const OVERLAP_MAX = 300;

const segmenter = new Intl.Segmenter(undefined, { granularity: "sentence" });

/** A section's label as a heading or a page number ("p. 3" from PDFs). */
export function labelOf(label: string | null): { heading: string | null; pageNumber: number | null } {
  const page = label ? /^p\. (\d+)$/.exec(label) : null;
  if (page) return { heading: null, pageNumber: Number(page[1]) };
  return { heading: label, pageNumber: null };
}

export function sentences(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment.trim()).filter(Boolean);
}

/** Text over the maximum cut at spaces (a sentence with no end: a table, a list on one line). */
function byWords(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(" ", max);
    if (cut < max / 2) cut = max;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}

type Unit = { text: string; sentences: string[]; joiner: string };

/** Paragraphs as units; one over the maximum becomes its sentences (and those, words). */
function units(text: string): Unit[] {
  const out: Unit[] = [];
  for (const paragraph of text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)) {
    const parts = sentences(paragraph);
    if (paragraph.length <= PIECE_MAX) {
      out.push({ text: paragraph, sentences: parts, joiner: "\n\n" });
      continue;
    }
    let first = true;
    for (const sentence of parts) {
      for (const part of sentence.length > PIECE_MAX ? byWords(sentence, PIECE_MAX) : [sentence]) {
        out.push({ text: part, sentences: [part], joiner: first ? "\n\n" : " " });
        first = false;
      }
    }
  }
  return out;
}

export function chunkSection(section: Section): Piece[] {
  const { heading, pageNumber } = labelOf(section.label);
  const texts: string[] = [];
  let current = "";
  let last: string | null = null; // the current piece's last sentence
  let fresh = true; // the current piece holds only the overlap, nothing new
  const flush = () => {
    if (!fresh && current) texts.push(current);
    const overlap = last && last.length <= OVERLAP_MAX && last !== current ? last : null;
    current = overlap ?? "";
    fresh = true;
  };
  for (const unit of units(section.text)) {
    const joined = current ? current + unit.joiner + unit.text : unit.text;
    const fits = joined.length <= PIECE_TARGET || (joined.length <= PIECE_MAX && (current.length < PIECE_TARGET / 2 || fresh));
    if (!fits) {
      flush();
      // The overlap and this unit may not fit together: then the unit alone.
      const withOverlap = current ? current + " " + unit.text : unit.text;
      current = withOverlap.length <= PIECE_MAX ? withOverlap : unit.text;
    } else {
      current = joined;
    }
    fresh = false;
    last = unit.sentences.at(-1) ?? unit.text;
  }
  if (!fresh && current) texts.push(current);
  return texts.map((text) => ({ text, heading, pageNumber }));
}

/** Every section's pieces, in order. */
export function chunkSections(sections: Section[]): Piece[] {
  return sections.flatMap(chunkSection);
}
