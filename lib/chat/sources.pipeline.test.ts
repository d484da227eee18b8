import { afterAll, describe, expect, it, vi } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { addKnowledge } from "@/lib/db/knowledge";
import { statementCounts } from "@/lib/db/statement-count";
import { getConversation } from "@/lib/db/conversations";
import { addSource } from "@/lib/testing/knowledge";
import { botInput, makeUser } from "@/lib/testing/factories";
import type { ChatbotData } from "@/lib/validation/chatbot";
import { startFakeLlm } from "@/scripts/fake-llm.mjs";
import type { ChatEvent } from "./wire";

// Replies from documents, with their sources, through the one pipeline: the built-in model
// quoting a passage, an LLM given the labelled passages and citing them; what is stored.

vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => `t:${key}` }));
const FAKE_PORT = vi.hoisted(() => {
  // Before the database client is made: count every statement it runs.
  process.env.BENCH_COUNT_STATEMENTS = "true";
  if (process.env.TEST_REDIS_URL) process.env.REDIS_URL = process.env.TEST_REDIS_URL;
  const port = 33_000 + (process.pid % 500) * 2 + Number(process.env.VITEST_POOL_ID ?? 1) - 1;
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${port}/v1`;
  process.env.OPENAI_API_KEY = "sk-sources-test";
  return port;
});
const fake = await startFakeLlm({ port: FAKE_PORT });
const { startChat } = await import("./pipeline");
afterAll(() => fake.close());

const MENU = {
  name: "Menu.pdf",
  pieces: [
    { text: "Tagliatelle with a slow-cooked beef ragù. Risotto with porcini mushrooms and parmesan.", pageNumber: 2, heading: "Mains" },
    {
      text: "Please tell your waiter about any allergy before you order. Gluten-free pasta is available for every pasta dish. Our bread contains gluten; we bake a gluten-free focaccia on request.",
      pageNumber: 3,
      heading: "Allergies",
    },
  ],
};
const SITE = { name: "Trattoria Verde", kind: "site" as const, url: "https://verde.example/", pieces: [{ text: "We are at 14 Harbour Street, next to the fish market.", heading: "Location", url: "https://verde.example/contact" }] };

async function botWithMenu(overrides: Partial<ChatbotData> = {}) {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput({ fallbackMessage: "Sorry, I don't know.", ...overrides }));
  const menuId = await addSource(bot.id, MENU);
  await addSource(bot.id, SITE);
  return { owner, bot, menuId };
}

async function ask(owner: { id: string }, botId: string, message: string) {
  const reply = await startChat({ caller: { kind: "owner", id: owner.id }, botId, message });
  const events: ChatEvent[] = [];
  for await (const event of reply.events) events.push(event);
  const text = events.flatMap((e) => (e.type === "text" ? [e.text] : [])).join("");
  const sources = events.find((e) => e.type === "sources");
  return { conversationId: reply.conversationId, events, text, sources: sources?.type === "sources" ? sources.sources : null };
}

describe("the built-in model answering from documents", () => {
  it("quotes the passage's sentences that answer, names the source, and stores it with the reply", async () => {
    const { owner, bot } = await botWithMenu();
    const reply = await ask(owner, bot.id, "Do you have gluten free breads?");
    expect(reply.text).toBe("Gluten-free pasta is available for every pasta dish. Our bread contains gluten; we bake a gluten-free focaccia on request.");
    expect(reply.sources).toEqual([{ ref: null, kind: "file", name: "Menu.pdf", page: 3, heading: "Allergies", url: null }]);
    // The sources come after the text and before the end.
    expect(reply.events.map((e) => e.type).slice(-2)).toEqual(["sources", "done"]);

    const stored = await getConversation(owner, reply.conversationId);
    expect(stored.messages.map((m) => m.sources)).toEqual([[], reply.sources]);

    const site = await ask(owner, bot.id, "Where is the restaurant located? Which street?");
    expect(site.text).toBe("We are at 14 Harbour Street, next to the fish market.");
    expect(site.sources).toEqual([{ ref: null, kind: "site", name: "Trattoria Verde", page: null, heading: "Location", url: "https://verde.example/contact" }]);
  });

  it("prefers a Q&A entry that matches as well, names it, and falls back with no source when nothing matches", async () => {
    const { owner, bot } = await botWithMenu();
    await addKnowledge(owner, bot.id, [{ question: "Do you have gluten-free bread?", answer: "Yes, focaccia on request." }]);
    const qa = await ask(owner, bot.id, "gluten free breads?");
    expect(qa.text).toBe("Yes, focaccia on request.");
    expect(qa.sources).toEqual([{ ref: null, kind: "qa", name: "Do you have gluten-free bread?", page: null, heading: null, url: null }]);

    // An alternative phrasing typed on the Knowledge tab matches like the question.
    await addKnowledge(owner, bot.id, [{ question: "Do you have parking?", answer: "Behind the restaurant.", alternatives: "Where can I leave my car?\nIs there a car park?" }]);
    const car = await ask(owner, bot.id, "where could I leave the car");
    expect(car.text).toBe("Behind the restaurant.");
    expect(car.sources?.[0]).toMatchObject({ kind: "qa", name: "Do you have parking?" });

    const none = await ask(owner, bot.id, "Do you repair bicycles?");
    expect(none.text).toBe("Sorry, I don't know.");
    expect(none.sources).toBeNull();
    const stored = await db.message.findMany({ where: { conversationId: none.conversationId }, select: { sources: true } });
    expect(stored).toEqual([{ sources: null }, { sources: null }]);
  });

  it("costs one statement more than a Q&A answer before the first token: the search, in the database", async () => {
    const statementsBeforeFirstToken = async (owner: { id: string }, botId: string, message: string) => {
      await ask(owner, botId, message); // builds the bot's Q&A index once
      const before = statementCounts();
      const reply = await ask(owner, botId, message);
      const atFirstToken = statementCounts().atFirstToken!;
      expect(atFirstToken.transactions - before.transactions).toBe(0);
      return { reply, statements: atFirstToken.statements - before.statements };
    };
    const { owner, bot } = await botWithMenu();
    const fromDocument = await statementsBeforeFirstToken(owner, bot.id, "gluten free pasta");
    expect(fromDocument.reply.sources?.[0].name).toBe("Menu.pdf");
    const qaOnly = await createChatbot(owner, botInput());
    await addKnowledge(owner, qaOnly.id, [{ question: "gluten free pasta?", answer: "Yes." }]);
    const fromQa = await statementsBeforeFirstToken(owner, qaOnly.id, "gluten free pasta");
    expect(fromQa.reply.text).toBe("Yes.");
    expect(fromDocument.statements - fromQa.statements).toBe(1);
  });

  it("stops answering from a document once it is deleted", async () => {
    const { owner, bot, menuId } = await botWithMenu();
    expect((await ask(owner, bot.id, "gluten free pasta")).sources?.[0].name).toBe("Menu.pdf");
    await db.knowledgeSource.delete({ where: { id: menuId } });
    const after = await ask(owner, bot.id, "gluten free pasta");
    expect(after.text).toBe("Sorry, I don't know.");
    expect(after.sources).toBeNull();
  });
});

describe("an LLM bot answering from documents", () => {
  it("receives the best passages numbered with their labels, and its reply carries the sources it cites", async () => {
    const { owner, bot } = await botWithMenu({ provider: "openai", model: "m", systemPrompt: "You are Trattoria Verde's assistant." });
    await addKnowledge(owner, bot.id, [{ question: "Is there parking?", answer: "Behind the restaurant." }]);
    fake.state.reply = "Yes: gluten-free pasta for every dish [1], and focaccia on request.";
    fake.state.requests.length = 0;
    const reply = await ask(owner, bot.id, "Do you have gluten free pasta?");

    const system = fake.state.requests.at(-1)!.body.messages.find((m: { role: string }) => m.role === "system").content as string;
    expect(system).toContain("You are Trattoria Verde's assistant.");
    expect(system).toContain("cite each one you used by its number");
    expect(system).toContain(`[1] Menu.pdf, page 3, Allergies\n${MENU.pieces[1].text}`);
    expect(system).not.toContain("Harbour Street"); // not about the question
    expect(reply.text).toBe(fake.state.reply);
    expect(reply.sources).toEqual([{ ref: 1, kind: "file", name: "Menu.pdf", page: 3, heading: "Allergies", url: null }]);
    expect((await getConversation(owner, reply.conversationId)).messages[1].sources).toEqual(reply.sources);
  });

  it("without citations, carries the sources that match well enough to have answered; none for small talk", async () => {
    const { owner, bot } = await botWithMenu({ provider: "openai", model: "m" });
    fake.state.reply = "Gluten-free pasta is available for every pasta dish.";
    expect((await ask(owner, bot.id, "gluten free pasta?")).sources).toEqual([{ ref: null, kind: "file", name: "Menu.pdf", page: 3, heading: "Allergies", url: null }]);
    fake.state.reply = "Hello! How can I help?";
    fake.state.requests.length = 0;
    const hello = await ask(owner, bot.id, "Hello!");
    expect(hello.sources).toBeNull();
    const system = fake.state.requests.at(-1)!.body.messages.find((m: { role: string }) => m.role === "system")?.content ?? "";
    expect(system).not.toContain("[1]");
  });
});
