import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/chatbots/[id]/tests/run/route";
import { newlyFailingAction, publishAction } from "@/app/(dashboard)/chatbots/[id]/versions/actions";
import { createChatbot, updateChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { addTestAction, deleteTestAction, updateTestAction } from "./actions";

// The Tests tab's actions, its run route and Publish's confirmation, called as the browser would.

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => `t:${key}` }));

const tests = (chatbotId: string) => db.botTest.findMany({ where: { chatbotId }, orderBy: { createdAt: "asc" }, select: { id: true, question: true, expected: true } });

const run = (botId: string) =>
  POST(new Request(`http://localhost.test/api/chatbots/${botId}/tests/run`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }), { params: Promise.resolve({ id: botId }) });

describe("saved test actions", () => {
  beforeEach(() => actAs(null));

  it("let the owner add, edit and delete, with every field error at once", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    actAs(owner);
    expect(await addTestAction(bot.id, { question: "  Open on Sunday?  ", expected: "closed" })).toMatchObject({ ok: true });
    const [saved] = await tests(bot.id);
    expect(saved).toMatchObject({ question: "Open on Sunday?", expected: "closed" });
    expect(await addTestAction(bot.id, { question: "", expected: "" })).toMatchObject({ ok: false, code: "invalid_data", fieldErrors: { question: "required", expected: "test_expectation_required" } });
    expect(await updateTestAction(bot.id, saved.id, { question: "Open on Sundays?", expected: "x".repeat(501) })).toMatchObject({ ok: false, fieldErrors: { expected: "too_long" } });
    // Smuggled fields (another bot, an owner) are not written.
    expect(await updateTestAction(bot.id, saved.id, { question: "Open on Sundays?", expected: "closed", chatbotId: "other", createdById: "x" })).toMatchObject({ ok: true });
    expect(await db.botTest.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ chatbotId: bot.id, createdById: owner.id, question: "Open on Sundays?" });
    expect(await deleteTestAction(bot.id, saved.id)).toMatchObject({ ok: true });
    expect(await tests(bot.id)).toEqual([]);
  });

  it("answer unauthenticated without a session and not_found for another user, changing nothing; the run route too", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    actAs(owner);
    await addTestAction(bot.id, { question: "Kept?", expected: "yes" });
    const [saved] = await tests(bot.id);
    const calls = () => [addTestAction(bot.id, { question: "Planted?", expected: "x" }), updateTestAction(bot.id, saved.id, { question: "Changed?", expected: "x" }), deleteTestAction(bot.id, saved.id), newlyFailingAction(bot.id), publishAction(bot.id, { confirmRegressions: true })];

    actAs(null);
    for (const result of await Promise.all(calls())) expect(result).toMatchObject({ ok: false, code: "unauthenticated" });
    expect((await run(bot.id)).status).toBe(401);
    actAs(await makeUser());
    for (const result of await Promise.all(calls())) expect(result).toMatchObject({ ok: false, code: "not_found" });
    const foreign = await run(bot.id);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({ code: "not_found" });
    expect(await tests(bot.id)).toEqual([saved]);
    expect(await db.botTestRun.count({ where: { chatbotId: bot.id } })).toBe(0);
  });

  it("the run streams progress; Publish refuses newly failing tests until confirmed", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput({ fallbackMessage: "Please call 555-0100." }));
    actAs(owner);
    await addTestAction(bot.id, { question: "Do you deliver?", expected: "555-0100" });

    let response = await run(bot.id);
    expect(response.status).toBe(200);
    let lines = (await response.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(["start", "result", "end"]);
    expect(lines[1]).toMatchObject({ index: 0, result: { draft: { pass: true }, published: { pass: true } } });

    await updateChatbot(owner, bot.id, botInput({ fallbackMessage: "No idea." }));
    response = await run(bot.id);
    lines = (await response.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[1]).toMatchObject({ result: { draft: { pass: false, failures: ["expected_missing"] }, published: { pass: true } } });

    expect(await newlyFailingAction(bot.id)).toEqual({ ok: true, data: ["Do you deliver?"] });
    expect(await publishAction(bot.id)).toMatchObject({ ok: false, code: "tests_regressed" });
    expect(await publishAction(bot.id, { confirmRegressions: "yes" })).toMatchObject({ ok: false, code: "invalid_data" });
    expect((await db.chatbot.findUniqueOrThrow({ where: { id: bot.id } })).publishedVersion).toBe(1);
    expect(await publishAction(bot.id, { confirmRegressions: true })).toEqual({ ok: true, data: { number: 2 } });
    expect(await db.conversation.count({ where: { chatbotId: bot.id } })).toBe(0);
  });
});
