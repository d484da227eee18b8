import { describe, expect, it } from "vitest";
import { chunkSection, chunkSections, labelOf, PIECE_MAX, PIECE_TARGET, sentences } from "./chunk";

const sentence = (n: number, words = 14) => `Sentence ${n} ${Array.from({ length: words - 2 }, (_, i) => `word${i}`).join(" ")}.`;
const paragraph = (from: number, count: number) => Array.from({ length: count }, (_, i) => sentence(from + i)).join(" ");

describe("chunking", () => {
  it("keeps a short section whole, with its heading, or its page from a PDF label", () => {
    expect(chunkSection({ text: "We bake gluten free bread on Saturdays.", label: "Bakery" })).toEqual([
      { text: "We bake gluten free bread on Saturdays.", heading: "Bakery", pageNumber: null },
    ]);
    expect(chunkSection({ text: "Opening hours: 8 to 14.", label: "p. 2" })).toEqual([{ text: "Opening hours: 8 to 14.", heading: null, pageNumber: 2 }]);
    expect(labelOf(null)).toEqual({ heading: null, pageNumber: null });
    expect(labelOf("p. 12 of the menu")).toEqual({ heading: "p. 12 of the menu", pageNumber: null });
  });

  it("cuts a long section at paragraphs, each piece within the maximum and near the target", () => {
    const text = Array.from({ length: 12 }, (_, i) => paragraph(i * 3, 3)).join("\n\n");
    const pieces = chunkSection({ text, label: "Menu" });
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(PIECE_MAX);
      expect(piece.heading).toBe("Menu");
    }
    // All but the last reach at least half the target.
    for (const piece of pieces.slice(0, -1)) expect(piece.text.length).toBeGreaterThan(PIECE_TARGET / 2);
    // Nothing lost: every sentence is in some piece.
    for (let n = 0; n < 36; n++) expect(pieces.some((p) => p.text.includes(`Sentence ${n} `))).toBe(true);
  });

  it("repeats the last sentence of a piece at the start of the next one", () => {
    const text = Array.from({ length: 8 }, (_, i) => paragraph(i * 3, 3)).join("\n\n");
    const pieces = chunkSection({ text, label: null });
    for (let i = 1; i < pieces.length; i++) {
      const previous = sentences(pieces[i - 1].text).at(-1)!;
      expect(pieces[i].text.startsWith(previous)).toBe(true);
    }
  });

  it("cuts a paragraph over the maximum at sentences, and a sentence over it at words", () => {
    const long = paragraph(0, 30);
    const pieces = chunkSection({ text: long, label: null });
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(PIECE_MAX);
      expect(piece.text).toMatch(/^Sentence \d+ .*\.$/s);
    }
    const run = Array.from({ length: 600 }, (_, i) => `cell${i}`).join(" ");
    const cut = chunkSection({ text: run, label: "Table" });
    expect(cut.length).toBeGreaterThan(1);
    for (const piece of cut) expect(piece.text.length).toBeLessThanOrEqual(PIECE_MAX);
    expect(cut.map((p) => p.text).join(" ")).toContain("cell0 ");
    expect(cut.at(-1)!.text.endsWith("cell599")).toBe(true);
  });

  it("never carries one section's text into another's pieces", () => {
    const pieces = chunkSections([
      { text: paragraph(0, 12), label: "p. 1" },
      { text: paragraph(100, 2), label: "p. 2" },
    ]);
    const second = pieces.filter((p) => p.pageNumber === 2);
    expect(second).toHaveLength(1);
    expect(second[0].text.startsWith("Sentence 100 ")).toBe(true);
    expect(pieces.filter((p) => p.pageNumber === 1).every((p) => !p.text.includes("Sentence 100 "))).toBe(true);
  });

  it("splits sentences in other languages too", () => {
    expect(sentences("¿Tienen pan sin gluten? Sí, los sábados. Gracias.")).toEqual(["¿Tienen pan sin gluten?", "Sí, los sábados.", "Gracias."]);
  });
});
