import { describe, expect, it } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { addSource } from "@/lib/testing/knowledge";
import { botInput, makeUser } from "@/lib/testing/factories";
import type { Analyzer } from "./analyzer";
import { fullTextQueries, searchPieces } from "./search";

// The bot's document pieces searched in the database (SQLite FTS5 here, PostgreSQL in test:pg),
// with pieces written as the indexing job writes them.

async function bakeryBot() {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  return bot.id;
}

const BAKERY = {
  name: "Bakery handbook.pdf",
  pieces: [
    { text: "We bake our bread every morning in a stone oven. The sourdough loaf takes two days.", heading: "Our bread", pageNumber: 1 },
    { text: "On Saturday we open at 8:00 and close at 14:00. On Sunday we are closed.", heading: "Opening hours", pageNumber: 2 },
    { text: "Every cake can be made gluten free if ordered three days ahead. Gluten free bread is baked on Fridays in a separate room.", heading: "Allergies", pageNumber: 3 },
  ],
};

const names = (hits: { text: string }[]) => hits.map((h) => h.text.slice(0, 20));

describe("searchPieces", () => {
  it("finds a bot's passages by other forms of the words, best first, with where they came from", async () => {
    const botId = await bakeryBot();
    await addSource(botId, BAKERY);
    const [best, ...rest] = await searchPieces(botId, "Do you have gluten-free breads?", 3);
    expect(best).toMatchObject({ heading: "Allergies", pageNumber: 3, url: null, lang: "en", source: { name: "Bakery handbook.pdf", kind: "file", url: null } });
    expect(best.share).toBe(1); // gluten, free, breads: all three
    expect(best.score).toBeGreaterThan(0);
    expect(rest.map((h) => h.heading)).toEqual(["Our bread"]);
    expect(rest[0].share).toBeCloseTo(1 / 3);

    expect((await searchPieces(botId, "Are you open on Saturdays?", 1))[0]).toMatchObject({ heading: "Opening hours", share: 1 });
    expect(await searchPieces(botId, "What is the weather tomorrow?", 3)).toEqual([]);
    expect(await searchPieces(botId, "the and of ?!", 3)).toEqual([]);
    expect(await searchPieces(botId, "bread", 0)).toEqual([]);
  });

  it("keeps the web page a piece came from", async () => {
    const botId = await bakeryBot();
    await addSource(botId, { name: "bakery.example", kind: "site", url: "https://bakery.example/", pieces: [{ text: "Delivery within 20 km for wedding cakes.", url: "https://bakery.example/delivery" }] });
    expect((await searchPieces(botId, "wedding cake delivery", 1))[0]).toMatchObject({ url: "https://bakery.example/delivery", source: { kind: "site", url: "https://bakery.example/" } });
  });

  it("never returns another bot's pieces, nor deleted ones", async () => {
    const mine = await bakeryBot();
    const theirs = await bakeryBot();
    const sourceId = await addSource(mine, BAKERY);
    await addSource(theirs, { name: "Other.pdf", pieces: [{ text: "Our bread and cakes, gluten free on Saturday." }] });

    const found = await searchPieces(mine, "bread cake gluten saturday", 10);
    expect(found).toHaveLength(3);
    expect(found.every((h) => h.source.name === "Bakery handbook.pdf")).toBe(true);
    expect((await searchPieces(theirs, "bread cake gluten saturday", 10)).map((h) => h.source.name)).toEqual(["Other.pdf"]);

    // One piece deleted (a page re-indexed), then the whole source (its owner deleted it).
    const piece = await db.knowledgePiece.findFirstOrThrow({ where: { sourceId, heading: "Opening hours" } });
    await db.knowledgePiece.delete({ where: { id: piece.id } });
    expect(await searchPieces(mine, "saturday", 10)).toEqual([]);
    expect(names(await searchPieces(mine, "bread", 10))).toHaveLength(2);
    await db.knowledgeSource.delete({ where: { id: sourceId } });
    expect(await searchPieces(mine, "bread cake gluten saturday", 10)).toEqual([]);
    expect(await searchPieces(theirs, "bread", 10)).toHaveLength(1);
  });

  it("reads a visitor's message as words only, whatever it holds", async () => {
    const mine = await bakeryBot();
    const theirs = await bakeryBot();
    await addSource(mine, BAKERY);
    await addSource(theirs, { name: "Secret.pdf", pieces: [{ text: "The secret recipe: bread with honey. NEAR OR AND NOT" }] });
    const hostile = [
      `bread" OR "secret`,
      `bread") OR zb* OR ("x`,
      `' | 'secret' & !'x`,
      "bread:* | zb:*",
      "NEAR(bread secret) OR NOT AND *",
      `\\' OR 1=1; DROP TABLE "KnowledgePiece"; --`,
      "'''\"\"\"((()))",
      `zb${theirs} bread`,
      "x".repeat(4000),
      Array.from({ length: 500 }, (_, i) => `word${i}`).join(" "),
    ];
    for (const message of hostile) {
      const hits = await searchPieces(mine, message, 10);
      expect(hits.every((h) => h.source.name === "Bakery handbook.pdf")).toBe(true);
    }
    // The bot's own token in the message finds nothing of that bot: it is looked for only in this one's pieces.
    expect(await searchPieces(mine, `zb${theirs}`, 10)).toEqual([]);

    // Terms that are syntax in either query language, given straight to the query (no analyzer to clean them).
    const raw = (terms: string[]): Analyzer => ({ document: () => [], anyLanguage: () => [], query: () => terms.map((t) => [t]) });
    const syntax = [`"`, `'`, "\\", "*", "(", ")", ":", "&", "|", "!", "<->", "NEAR", "OR", "AND", "NOT", "^", "-", "+", `bread"`, `a'b`, "secret*"];
    expect(await searchPieces(mine, "any", 10, raw(syntax))).toEqual(expect.any(Array));
    expect((await searchPieces(mine, "any", 10, raw(["secret", `"secret"`, "honey"]))).length).toBe(0);
    expect((await searchPieces(mine, "any", 10, raw([`bread"`, "bread"]))).length).toBe(2);
    expect(fullTextQueries("b1", [`a"b`, "c'd", "e\\f", "*"])).toEqual({
      fts: `"zbb1" AND ("a""b" OR "c'd" OR "e\\f")`,
      tsBot: `'zbb1' & ('a"b' | 'c''d' | 'e\\\\f')`,
      tsTerms: `'a"b' | 'c''d' | 'e\\\\f'`,
    });
  });
});
