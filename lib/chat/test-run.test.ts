import { describe, expect, it, vi } from "vitest";
import { addTest, deleteTest, latestRun, listTests, newlyFailing, updateTest } from "@/lib/db/bot-tests";
import { createChatbot, updateChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { addKnowledge } from "@/lib/db/knowledge";
import { publishDraft, restoreVersion } from "@/lib/db/versions";
import { AppError } from "@/lib/errors";
import { botInput, makeUser } from "@/lib/testing/factories";
import { botTestSchema, BOT_TEST_LIMITS } from "@/lib/validation/bot-tests";
import { evaluate, runBotTests, type TestRunEvent } from "./test-run";

// Saved tests on the built-in model: deterministic answers, draft against published, what a run
// stores (its results, never a conversation) and the confirmation publishing asks for.

vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => `t:${key}` }));

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (e) => (e instanceof AppError ? e.code : String(e)),
  );

async function collect(events: AsyncGenerator<TestRunEvent>) {
  const all: TestRunEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

const test = (question: string, over: { expected?: string; mustNotContain?: string; mustUseSource?: string } = {}) => botTestSchema.parse({ question, expected: "", ...over });

const FALLBACK = "Sorry, please call us at 555-0100.";

/** A built-in bot answering opening hours from its Q&A, and anything else with its fallback message. */
async function bakery() {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput({ fallbackMessage: FALLBACK }));
  await addKnowledge(owner, bot.id, [{ question: "What are your opening hours?", answer: "We are open 9 to 5, Monday to Saturday.", alternatives: "" }]);
  const [entry] = await db.knowledgeEntry.findMany({ where: { chatbotId: bot.id } });
  return { owner, bot, entry };
}

const sides = (events: TestRunEvent[]) => events.flatMap((e) => (e.type === "result" ? [[e.result.draft.pass, e.result.published.pass]] : []));

describe("evaluating a reply", () => {
  const reply = (text: string, sources: { kind: string; name: string }[] = []) => ({ text, errorCode: null, sources: sources.map((s) => ({ ...s, ref: null, page: null, heading: null, url: null })) as never });

  it("contains ignores case and runs of whitespace; must-not-contain and the required source are checked too", () => {
    expect(evaluate(test("q", { expected: "open 9 TO 5" }), reply("We are  Open 9\nto 5."), null)).toEqual([]);
    expect(evaluate(test("q", { expected: "closed" }), reply("We are open."), null)).toEqual(["expected_missing"]);
    expect(evaluate(test("q", { mustNotContain: "SORRY" }), reply("Sorry, no idea."), null)).toEqual(["forbidden_present"]);
    const hours = { kind: "qa", name: "Opening hours?" };
    expect(evaluate(test("q", { mustUseSource: "qa:e1" }), reply("9 to 5", [hours]), hours)).toEqual([]);
    expect(evaluate(test("q", { mustUseSource: "qa:e1" }), reply("9 to 5", [{ kind: "qa", name: "Prices?" }]), hours)).toEqual(["source_unused"]);
    expect(evaluate(test("q", { mustUseSource: "qa:gone" }), reply("9 to 5", [hours]), null)).toEqual(["source_missing"]);
    expect(evaluate(test("q", { expected: "x" }), { text: "", errorCode: "provider_error", sources: [] }, null)).toEqual(["reply_failed", "expected_missing"]);
  });

  it("a test needs an expectation, and each field has a length cap", () => {
    expect(botTestSchema.safeParse({ question: "Hi?" }).error?.issues[0]).toMatchObject({ path: ["expected"], message: "test_expectation_required" });
    expect(botTestSchema.safeParse({ question: "Hi?", expected: "x".repeat(BOT_TEST_LIMITS.expected + 1) }).error?.issues[0].message).toBe("too_long");
    expect(botTestSchema.safeParse({ question: "Hi?", expected: "a", mustUseSource: "file:x" }).success).toBe(false);
  });
});

describe("saved tests", () => {
  it("are the owner's only: another user can neither list, change, delete nor run them", async () => {
    const { owner, bot } = await bakery();
    const other = await makeUser();
    const saved = await addTest(owner, bot.id, test("Do you deliver?", { expected: "555" }));
    expect(await code(listTests(other, bot.id))).toBe("not_found");
    expect(await code(addTest(other, bot.id, test("Planted?", { expected: "x" })))).toBe("not_found");
    expect(await code(updateTest(other, bot.id, saved.id, test("Changed?", { expected: "x" })))).toBe("not_found");
    expect(await code(deleteTest(other, bot.id, saved.id))).toBe("not_found");
    expect(await code(runBotTests(other, bot.id).next())).toBe("not_found");
    // A test of one bot is not reachable through another bot of the same owner either.
    const second = await createChatbot(owner, botInput());
    expect(await code(updateTest(owner, second.id, saved.id, test("Changed?", { expected: "x" })))).toBe("not_found");
    expect((await listTests(owner, bot.id)).map((t) => t.question)).toEqual(["Do you deliver?"]);
    expect(await latestRun(owner, bot.id)).toBeNull();

    await updateTest(owner, bot.id, saved.id, test("Do you deliver on Sunday?", { expected: "555", mustNotContain: "yes" }));
    expect(await listTests(owner, bot.id)).toMatchObject([{ question: "Do you deliver on Sunday?", expected: "555", mustNotContain: "yes" }]);
    await deleteTest(owner, bot.id, saved.id);
    expect(await listTests(owner, bot.id)).toEqual([]);
    expect(await code(runBotTests(owner, bot.id).next())).toBe("tests_none");
  });

  it(`are capped at ${BOT_TEST_LIMITS.perBot} a bot`, async () => {
    const { owner, bot } = await bakery();
    await db.botTest.createMany({ data: Array.from({ length: BOT_TEST_LIMITS.perBot }, (_, i) => ({ chatbotId: bot.id, question: `Q${i}?`, expected: "x" })) });
    expect(await code(addTest(owner, bot.id, test("One more?", { expected: "x" })))).toBe("tests_full");
  });

  it("run on the built-in model against draft and published, store no conversation, and make publishing ask about newly failing ones", async () => {
    const { owner, bot, entry } = await bakery();
    await addTest(owner, bot.id, test("What are your opening hours?", { expected: "9 to 5", mustUseSource: `qa:${entry.id}` }));
    await addTest(owner, bot.id, test("Do you deliver to Mars?", { expected: "555-0100" }));
    await addTest(owner, bot.id, test("Is anything free?", { mustNotContain: "sorry" }));

    let events = await collect(runBotTests(owner, bot.id));
    expect(events[0]).toMatchObject({ type: "start", total: 3 });
    expect(events.at(-1)).toEqual({ type: "end", status: "done" });
    expect(sides(events)).toEqual([
      [true, true],
      [true, true],
      [false, false],
    ]);
    const third = events.find((e) => e.type === "result" && e.index === 2);
    expect(third).toMatchObject({ result: { draft: { reply: FALLBACK, failures: ["forbidden_present"] } } });
    // Deterministic: the same run again says the same.
    expect(sides(await collect(runBotTests(owner, bot.id)))).toEqual(sides(events));

    // The draft's fallback changes: the Mars question now fails on the draft only.
    await updateChatbot(owner, bot.id, botInput({ fallbackMessage: "No idea." }));
    events = await collect(runBotTests(owner, bot.id));
    expect(sides(events)).toEqual([
      [true, true],
      [false, true],
      [true, false],
    ]);
    const run = (await latestRun(owner, bot.id))!;
    expect(run).toMatchObject({ status: "done", current: true, draftVersion: 2, publishedVersion: 1 });
    expect(run.results[1]).toMatchObject({ draftReply: "No idea.", draftFailures: "expected_missing", publishedReply: FALLBACK, publishedPass: true });
    expect((await newlyFailing(owner, bot.id)).map((t) => t.question)).toEqual(["Do you deliver to Mars?"]);
    expect(await code(newlyFailing(await makeUser(), bot.id))).toBe("not_found");

    // Saving a test unchanged keeps its result; a test edited since the run loses it and no longer counts; run again, it does.
    const mars = (await listTests(owner, bot.id))[1];
    await updateTest(owner, bot.id, mars.id, test(mars.question, { expected: mars.expected, mustNotContain: mars.mustNotContain }));
    expect((await latestRun(owner, bot.id))!.results.map((r) => r.testId)).toContain(mars.id);
    await updateTest(owner, bot.id, mars.id, test("Do you deliver to Mars?", { expected: "555-0100", mustNotContain: "free" }));
    expect(await newlyFailing(owner, bot.id)).toEqual([]);
    expect((await latestRun(owner, bot.id))!.results.map((r) => r.testId)).not.toContain(mars.id);
    await collect(runBotTests(owner, bot.id));
    expect((await newlyFailing(owner, bot.id)).map((t) => t.question)).toEqual(["Do you deliver to Mars?"]);

    // Publishing refuses without the owner's confirmation, and publishes with it.
    expect(await code(publishDraft(owner, bot.id))).toBe("tests_regressed");
    expect((await db.chatbot.findUniqueOrThrow({ where: { id: bot.id } })).publishedVersion).toBe(1);
    expect(await publishDraft(owner, bot.id, { confirmRegressions: true })).toBe(2);

    // A run of an older draft no longer counts: restore v1, and the stale run asks nothing.
    await restoreVersion(owner, bot.id, 1);
    expect((await latestRun(owner, bot.id))!.current).toBe(false);
    expect(await newlyFailing(owner, bot.id)).toEqual([]);

    // Only the latest run is kept, and nothing of any run is a conversation, a message or usage.
    expect(await db.botTestRun.count({ where: { chatbotId: bot.id } })).toBe(1);
    expect(await db.conversation.count({ where: { chatbotId: bot.id } })).toBe(0);
    expect(await db.message.count({ where: { chatbotId: bot.id } })).toBe(0);
    expect(await db.botDailyUsage.count({ where: { chatbotId: bot.id } })).toBe(0);
  });

  it("a deleted required entry fails its test with a reason; deleting a test removes its results", async () => {
    const { owner, bot, entry } = await bakery();
    const saved = await addTest(owner, bot.id, test("What are your opening hours?", { mustUseSource: `qa:${entry.id}` }));
    await db.knowledgeEntry.delete({ where: { id: entry.id } });
    const events = await collect(runBotTests(owner, bot.id));
    expect(events.find((e) => e.type === "result")).toMatchObject({ result: { draft: { pass: false, failures: ["source_missing"] } } });
    await deleteTest(owner, bot.id, saved.id);
    expect(await db.botTestResult.count({ where: { testId: saved.id } })).toBe(0);
  });

  it("stops at the next question when the reader leaves, and the run says it was cancelled", async () => {
    const { owner, bot } = await bakery();
    for (const q of ["One?", "Two?", "Three?"]) await addTest(owner, bot.id, test(q, { expected: "555" }));
    const events = runBotTests(owner, bot.id);
    await events.next(); // start
    await events.next(); // the first result
    await events.return(undefined);
    const run = (await latestRun(owner, bot.id))!;
    expect(run.status).toBe("cancelled");
    expect(run.results).toHaveLength(1);
  });
});

describe("two runs of one bot", () => {
  it("refuses a second run while one is going on, and not once that one is over or long dead (then shown as interrupted)", async () => {
    const { owner, bot } = await bakery();
    await addTest(owner, bot.id, test("What are your opening hours?", { expected: "9 to 5" }));
    const first = runBotTests(owner, bot.id);
    expect((await first.next()).value).toMatchObject({ type: "start" });
    // The first is half-way (its generator paused after "start"): a second tab's run is refused.
    expect(await code(collect(runBotTests(owner, bot.id)))).toBe("tests_running");
    await collect(first);
    expect((await latestRun(owner, bot.id))?.status).toBe("done");
    // A run left "running" by a server that went away holds the bot only so long.
    await db.botTestRun.updateMany({ where: { chatbotId: bot.id }, data: { status: "running", startedAt: new Date(Date.now() - 14 * 60 * 1000) } });
    expect((await latestRun(owner, bot.id))?.status).toBe("running");
    await db.botTestRun.updateMany({ where: { chatbotId: bot.id }, data: { status: "running", startedAt: new Date(Date.now() - 16 * 60 * 1000) } });
    // The page says it stopped, rather than show it half done.
    expect((await latestRun(owner, bot.id))?.status).toBe("interrupted");
    const events = await collect(runBotTests(owner, bot.id));
    expect(events.at(-1)).toMatchObject({ type: "end", status: "done" });
  });
});
