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

describe("stems and alternative phrasings", () => {
  const entries = [
    { question: "Do you bake bread on Saturday?", answer: "Yes, every Saturday from 7." },
    { question: "Do you have parking?", answer: "Behind the shop.", alternatives: ["Where can I leave my car?", "Is there a car park?"] },
    { question: "¿Tenéis panes sin gluten?", answer: "Sí, los viernes." },
    { question: "Liefert ihr Torten?", answer: "Ja, im Umkreis von 10 km." },
    { question: "Livrez-vous les gâteaux ?", answer: "Oui, le samedi." },
    { question: "هل تبيعون الخبز؟", answer: "نعم." },
  ];
  const stemmed = new KnowledgeIndex(entries);

  it.each([
    ["breads on Saturdays?", "Yes, every Saturday from 7."],
    ["¿hay pan sin gluten?", "Sí, los viernes."],
    ["Liefert ihr auch eine Torte?", "Ja, im Umkreis von 10 km."],
    ["livrez vous un gâteau", "Oui, le samedi."],
    ["هل عندكم خبز", "نعم."],
  ])("meets %s across word forms", (message, answer) => {
    expect(stemmed.bestAnswer(message)?.answer).toBe(answer);
  });

  it("matches an alternative phrasing like the question, and names the entry once", () => {
    expect(stemmed.bestAnswer("where do I leave the car")?.question).toBe("Do you have parking?");
    const found = stemmed.search("car park parking", 5);
    expect(found.filter((m) => m.entry.question === "Do you have parking?")).toHaveLength(1);
    expect(found[0].share).toBe(1);
  });
});
