import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { runDueJobs } from "@/lib/jobs/worker";
import { botInput, makeUser } from "@/lib/testing/factories";
import type { ChatbotData } from "@/lib/validation/chatbot";
import { fakeEmbedding, startFakeLlm } from "@/scripts/fake-llm.mjs";
import type { ChatEvent } from "@/lib/chat/wire";

// Embeddings with the fake provider over real HTTP (its vectors: a hashed bag of words where
// "automobile" is "car" and "cost" is "price"): pieces are embedded when indexed, a message that
// shares no word with a passage still brings it to an LLM bot through reciprocal-rank fusion, the
// built-in model still quotes only what matches its words, and a dead endpoint costs full text nothing.

vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => `t:${key}` }));
const FAKE_PORT = vi.hoisted(() => {
  const port = 34_000 + (process.pid % 500) * 2 + Number(process.env.VITEST_POOL_ID ?? 1) - 1;
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${port}/v1`;
  process.env.OPENAI_API_KEY = "sk-embed-test";
  process.env.EMBEDDING_PROVIDER = "openai";
  process.env.EMBEDDING_MODEL = "fake-embed";
  process.env.EMBEDDING_TIMEOUT_SECONDS = "1";
  process.env.EMBEDDING_QUERY_TIMEOUT_MS = "300";
  process.env.EMBEDDING_MIN_SIMILARITY = "0.3";
  return port;
});
type Fake = { state: { reply: string; embeddingScenario: string; requests: { path: string; body: Record<string, unknown> }[] }; close: () => Promise<void> };
const fake: Fake = await startFakeLlm({ port: FAKE_PORT });
const { startChat } = await import("@/lib/chat/pipeline");
const { enqueueIndex, INDEX_JOB } = await import("./ingest");
const { fromBytes, reciprocalRankFusion, toBytes } = await import("./embed");
const { searchPieces } = await import("./search");
afterAll(() => fake.close());

let warnings: string[] = [];
beforeEach(() => {
  fake.state.embeddingScenario = "ok";
  fake.state.reply = "Here you are.";
  warnings = [];
  vi.spyOn(console, "warn").mockImplementation((line: string) => void warnings.push(line));
});

const runIndexJobs = () => runDueJobs({ budgetMs: 30_000, kinds: [INDEX_JOB] });
const embeddingCalls = () => fake.state.requests.filter((r) => r.path === "/v1/embeddings");
const PRICES = "# Prices\n\nThe car price is twelve thousand euros, delivery included.";
const HOURS = "# Hours\n\nWe open the shop at nine in the morning.";

async function addText(chatbotId: string, name: string, text: string) {
  const content = Buffer.from(text);
  const row = await db.knowledgeSource.create({ data: { chatbotId, kind: "text", name, content, size: content.byteLength }, select: { id: true } });
  await enqueueIndex(row.id);
  return row.id;
}

async function dealer(overrides: Partial<ChatbotData> = {}) {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput({ fallbackMessage: "Sorry, I don't know.", ...overrides }));
  const prices = await addText(bot.id, "Prices", PRICES);
  const hours = await addText(bot.id, "Hours", HOURS);
  expect(await runIndexJobs()).toMatchObject({ done: 2 });
  return { owner, bot, prices, hours };
}

async function ask(owner: { id: string }, botId: string, message: string) {
  fake.state.requests.length = 0;
  const reply = await startChat({ caller: { kind: "owner", id: owner.id }, botId, message });
  const events: ChatEvent[] = [];
  for await (const event of reply.events) events.push(event);
  const text = events.flatMap((e) => (e.type === "text" ? [e.text] : [])).join("");
  const chat = fake.state.requests.find((r) => r.path.endsWith("/chat/completions"));
  const messages = (chat?.body.messages ?? []) as { role: string; content: string }[];
  return { text, system: messages.find((m) => m.role === "system")?.content ?? "" };
}

describe("reciprocal-rank fusion and stored vectors", () => {
  it("scores 1/(60 + rank) summed over the rankings; ties keep the order of first appearance", () => {
    expect(reciprocalRankFusion([["a", "b", "c"], ["c", "d"]])).toEqual(["c", "a", "b", "d"]);
    expect(reciprocalRankFusion([["x", "y"], []])).toEqual(["x", "y"]);
    expect(reciprocalRankFusion([[], ["p", "q"]])).toEqual(["p", "q"]);
    // Deep in one ranking and first in the other beats second in one alone.
    expect(reciprocalRankFusion([["a", "b", "c", "d"], ["d"]])).toEqual(["d", "a", "b", "c"]);
  });

  it("stores float32 little-endian", () => {
    expect([...toBytes([1, -2])]).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]);
    expect([...fromBytes(toBytes([0.5, 0.25, -1]))]).toEqual([0.5, 0.25, -1]);
  });
});

describe("with an embedding provider", () => {
  it("embeds each piece when indexing, in one batched request", async () => {
    fake.state.requests.length = 0;
    const { prices, hours } = await dealer();
    const pieces = await db.knowledgePiece.findMany({ where: { sourceId: { in: [prices, hours] } } });
    expect(pieces).toHaveLength(2);
    for (const piece of pieces) {
      expect(piece.embedding?.byteLength).toBe(64 * 4);
      const expected = fakeEmbedding(`${piece.heading}\n${piece.text}`);
      [...fromBytes(piece.embedding!)].forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    }
    // One request per source (a source's pieces go 64 at a time), with the configured model.
    expect(embeddingCalls().map((r) => [r.body.model, (r.body.input as string[]).length])).toEqual([
      ["fake-embed", 1],
      ["fake-embed", 1],
    ]);
    expect(warnings).toEqual([]);
  });

  it("brings an LLM bot a passage that shares no word with the message; the built-in model still needs the words", async () => {
    const { owner, bot } = await dealer({ provider: "openai", model: "m" });
    const message = "What does an automobile cost?";
    // Full text alone finds nothing: no word of the message is in either passage.
    expect(await searchPieces(bot.id, message, 4)).toEqual([]);

    const reply = await ask(owner, bot.id, message);
    expect(reply.text).toBe("Here you are.");
    expect(reply.system).toContain("The car price is twelve thousand euros");
    expect(reply.system).not.toContain("nine in the morning"); // not near it
    expect(embeddingCalls().map((r) => r.body.input)).toEqual([[message]]);

    // Words and meaning together: the passage with both comes first.
    const both = await ask(owner, bot.id, "car price and opening hours");
    expect(both.system.indexOf("twelve thousand")).toBeLessThan(both.system.indexOf("nine in the morning"));
    expect(both.system).toContain("nine in the morning");

    const builtin = await dealer({ provider: "builtin" });
    expect((await ask(builtin.owner, builtin.bot.id, message)).text).toBe("Sorry, I don't know.");
    expect((await ask(builtin.owner, builtin.bot.id, "What is the car price?")).text).toBe("The car price is twelve thousand euros, delivery included.");
    expect(warnings).toEqual([]);
  });

  it("indexes and answers on full text when the endpoint fails or hangs, one logged line each time", async () => {
    fake.state.embeddingScenario = "hang";
    const started = Date.now();
    const { owner, bot, prices } = await dealer({ provider: "openai", model: "m" });
    expect(Date.now() - started).toBeLessThan(5_000); // one second per source at most
    expect(await db.knowledgeSource.findUniqueOrThrow({ where: { id: prices } })).toMatchObject({ status: "ready", pieceCount: 1 });
    expect(await db.knowledgePiece.count({ where: { chatbotId: bot.id, embedding: { not: null } } })).toBe(0);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^Embeddings unavailable for indexing, full text only: timed out/);

    warnings = [];
    const asked = Date.now();
    const hung = await ask(owner, bot.id, "What is the car price?");
    expect(Date.now() - asked).toBeLessThan(2_000);
    expect(hung.text).toBe("Here you are.");
    expect(hung.system).toContain("The car price is twelve thousand euros");
    expect(warnings).toEqual([expect.stringMatching(/^Embeddings unavailable for a message, full text only: timed out/)]);

    fake.state.embeddingScenario = "500";
    warnings = [];
    const failed = await ask(owner, bot.id, "What is the car price?");
    expect(failed.system).toContain("The car price is twelve thousand euros");
    expect(warnings).toHaveLength(1);
  });
});
