import { expect, it } from "vitest";
import { builtinModel } from "./builtin";
import type { ReplyRequest } from "./types";

const request = (knowledge: ReplyRequest["knowledge"]): ReplyRequest => ({
  provider: "builtin",
  model: "qa",
  systemPrompt: "",
  temperature: 0,
  maxOutputTokens: 100,
  fallbackMessage: "Sorry, I don't know that yet.",
  knowledge,
  history: [{ role: "user", content: "opening hours?" }],
});
const collect = async (r: ReplyRequest) => {
  const events = [];
  for await (const event of builtinModel(r)) events.push(event);
  return events;
};

it("streams the entry retrieval found, or the fallback message, in chunks and finishes", async () => {
  const answer = "We open at 7:00 and close at 18:00, Monday to Saturday.";
  const answered = await collect(request([{ question: "What are your opening hours?", answer }]));
  const texts = answered.filter((e) => e.type === "text");
  expect(texts.length).toBeGreaterThan(3);
  expect(texts.map((e) => (e.type === "text" ? e.text : "")).join("")).toBe(answer);
  expect(answered.at(-1)).toMatchObject({ type: "finish", finishReason: "stop" });

  const fallback = await collect(request([]));
  expect(fallback.map((e) => (e.type === "text" ? e.text : "")).join("")).toBe("Sorry, I don't know that yet.");
});
