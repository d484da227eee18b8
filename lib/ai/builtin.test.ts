import { describe, expect, it } from "vitest";
import { builtinModel, findAnswer, normalize } from "./builtin";
import type { ReplyRequest } from "./types";

const knowledge = [
  { question: "What are your opening hours?", answer: "We open at 7:00 and close at 18:00, Monday to Saturday." },
  { question: "Do you deliver wedding cakes?", answer: "Yes, within 20 km, for orders placed a week ahead." },
  { question: "Où se trouve la boulangerie ?", answer: "Au 12 rue des Lilas." },
  { question: "Is there gluten-free bread?", answer: "Every Friday we bake a gluten-free loaf." },
];

describe("the built-in model", () => {
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

  it("streams the answer, or the fallback message, in chunks and finishes", async () => {
    const request = (message: string): ReplyRequest => ({
      provider: "builtin",
      model: "qa",
      systemPrompt: "",
      temperature: 0,
      maxOutputTokens: 100,
      fallbackMessage: "Sorry, I don't know that yet.",
      knowledge,
      history: [{ role: "user", content: message }],
    });
    const collect = async (message: string) => {
      const events = [];
      for await (const event of builtinModel(request(message))) events.push(event);
      return events;
    };
    const answered = await collect("opening hours?");
    const texts = answered.filter((e) => e.type === "text");
    expect(texts.length).toBeGreaterThan(3);
    expect(texts.map((e) => (e.type === "text" ? e.text : "")).join("")).toBe(knowledge[0].answer);
    expect(answered.at(-1)).toMatchObject({ type: "finish", finishReason: "stop" });

    const fallback = await collect("tell me a joke");
    expect(fallback.map((e) => (e.type === "text" ? e.text : "")).join("")).toBe("Sorry, I don't know that yet.");
  });
});
