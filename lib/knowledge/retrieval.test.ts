import { describe, expect, it } from "vitest";
import { KnowledgeIndex, normalize } from "./retrieval";

const knowledge = [
  { question: "What are your opening hours?", answer: "We open at 7:00 and close at 18:00, Monday to Saturday." },
  { question: "Do you deliver wedding cakes?", answer: "Yes, within 20 km, for orders placed a week ahead." },
  { question: "Où se trouve la boulangerie ?", answer: "Au 12 rue des Lilas." },
  { question: "Is there gluten-free bread?", answer: "Every Friday we bake a gluten-free loaf." },
];
const index = new KnowledgeIndex(knowledge);
const findAnswer = (entries: typeof knowledge, message: string) => (entries === knowledge ? index : new KnowledgeIndex(entries)).bestAnswer(message);

describe("retrieval from a bot's Q&A", () => {
  it("normalises case, accents and punctuation", () => {
    expect(normalize("Où ÊTES-vous ?!")).toBe("ou etes vous");
  });

  it("answers a paraphrased question with the best entry", () => {
    expect(findAnswer(knowledge, "When do you open?")?.answer).toMatch(/^We open at 7:00/);
    expect(findAnswer(knowledge, "can you deliver a cake for our wedding")?.answer).toMatch(/^Yes, within 20 km/);
    expect(findAnswer(knowledge, "gluten free?")?.answer).toMatch(/Friday/);
  });

  it("ignores case and accents on either side", () => {
    expect(findAnswer(knowledge, "OU SE TROUVE LA BOULANGERIE")?.answer).toBe("Au 12 rue des Lilas.");
    expect(findAnswer(knowledge, "où est la boulangerie")?.answer).toBe("Au 12 rue des Lilas.");
  });

  it("falls back when too little of the message matches", () => {
    expect(findAnswer(knowledge, "What is the weather like tomorrow?")).toBeNull();
    expect(findAnswer(knowledge, "hours of the swimming pool near the station")).toBeNull();
    expect(findAnswer(knowledge, "?!")).toBeNull();
  });

  it("has nothing to answer from an empty Q&A list", () => {
    expect(findAnswer([], "When do you open?")).toBeNull();
  });

  it("ranks the few entries that match, best first, and leaves out the rest", () => {
    const found = index.search("wedding cake delivery on a friday", 3).map((m) => m.entry.question);
    expect(found[0]).toBe("Do you deliver wedding cakes?");
    expect(found).toContain("Is there gluten-free bread?");
    expect(found).not.toContain("Où se trouve la boulangerie ?");
  });
});
