import { beforeEach, describe, expect, it, vi } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { addKnowledgeAction, deleteKnowledgeAction, importKnowledgeAction, moveKnowledgeAction, previewKnowledgeCsvAction, updateKnowledgeAction } from "./actions";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const entries = (chatbotId: string) =>
  db.knowledgeEntry.findMany({ where: { chatbotId }, orderBy: { position: "asc" }, select: { id: true, question: true, answer: true } });
const version = async (id: string) => (await db.chatbot.findUniqueOrThrow({ where: { id } })).knowledgeVersion;

describe("Q&A actions", () => {
  beforeEach(() => actAs(null));

  it("let the owner add, edit, reorder, delete and import, each moving the bot's knowledge version on", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    actAs(owner);
    expect(await addKnowledgeAction(bot.id, { question: "Open on Sunday?", answer: "No." })).toMatchObject({ ok: true });
    expect(await importKnowledgeAction(bot.id, { csv: "question,answer\nParking?,Behind the shop.\n" })).toEqual({ ok: true, data: { imported: 1, skipped: 0 } });
    const [first, second] = await entries(bot.id);
    const before = await version(bot.id);
    expect(await updateKnowledgeAction(bot.id, first.id, { question: "Open on Sundays?", answer: "Only in December." })).toMatchObject({ ok: true });
    expect(await moveKnowledgeAction(bot.id, second.id, { direction: "up" })).toMatchObject({ ok: true });
    expect((await entries(bot.id)).map((e) => e.answer)).toEqual(["Behind the shop.", "Only in December."]);
    expect(await deleteKnowledgeAction(bot.id, second.id)).toMatchObject({ ok: true });
    expect((await entries(bot.id)).map((e) => e.question)).toEqual(["Open on Sundays?"]);
    expect(await version(bot.id)).toBe(before + 3);
  });

  it("answer unauthenticated without a session and not_found on another user's bot, changing nothing", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    actAs(owner);
    await addKnowledgeAction(bot.id, { question: "Kept?", answer: "Yes." });
    const [entry] = await entries(bot.id);
    const calls = () => [
      addKnowledgeAction(bot.id, { question: "Injected?", answer: "Yes." }),
      updateKnowledgeAction(bot.id, entry.id, { question: "Changed?", answer: "Yes." }),
      moveKnowledgeAction(bot.id, entry.id, { direction: "down" }),
      deleteKnowledgeAction(bot.id, entry.id),
      importKnowledgeAction(bot.id, { csv: "Injected?,Yes." }),
      previewKnowledgeCsvAction(bot.id, { csv: "Injected?,Yes." }),
    ];
    actAs(null);
    for (const result of await Promise.all(calls())) expect(result).toMatchObject({ ok: false, code: "unauthenticated" });
    actAs(await makeUser());
    for (const result of await Promise.all(calls())) expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect(await entries(bot.id)).toEqual([entry]);
  });

  it("name every bad CSV row and import none; refuse malformed ids and directions as bad input", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    actAs(owner);
    const result = await importKnowledgeAction(bot.id, { csv: "Good?,Yes.\nonly one cell\n,empty question\n" });
    expect(result).toEqual({ ok: false, code: "csv_invalid", rowErrors: [{ row: 2, field: "row", code: "csv_columns", cells: 1 }, { row: 3, field: "question", code: "required" }] });
    expect(await importKnowledgeAction(bot.id, { csv: "x".repeat(900_001) })).toEqual({ ok: false, code: "csv_too_large" });
    expect(await entries(bot.id)).toEqual([]);
    expect(await moveKnowledgeAction(bot.id, "some-id", { direction: "sideways" })).toMatchObject({ ok: false, code: "invalid_data", fieldErrors: { direction: "invalid_data" } });
    expect(await addKnowledgeAction({ id: bot.id }, { question: "Q?", answer: "A." })).toMatchObject({ ok: false, code: "invalid_data", fieldErrors: { botId: "invalid_data" } });
  });

  it("preview a CSV without writing: rows, problems and questions already there; the import then skips those", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    actAs(owner);
    await addKnowledgeAction(bot.id, { question: "Is there parking?", answer: "Yes." });
    const csv = "question;answer\nIS THERE PARKING?;Behind the shop.\nOpen on Sunday?;No.\n";
    expect(await previewKnowledgeCsvAction(bot.id, { csv })).toEqual({
      ok: true,
      data: { rows: 2, toImport: 1, rowErrors: [], duplicates: [{ row: 2, question: "IS THERE PARKING?" }] },
    });
    expect(await previewKnowledgeCsvAction(bot.id, { csv: "Good?,Yes.\nonly one cell\n" })).toEqual({
      ok: true,
      data: { rows: 2, toImport: 0, rowErrors: [{ row: 2, field: "row", code: "csv_columns", cells: 1 }], duplicates: [] },
    });
    expect(await previewKnowledgeCsvAction(bot.id, { csv: "\u0000\u0001binary" })).toEqual({ ok: false, code: "csv_not_text" });
    expect((await entries(bot.id)).map((e) => e.question)).toEqual(["Is there parking?"]);
    expect(await importKnowledgeAction(bot.id, { csv })).toEqual({ ok: true, data: { imported: 1, skipped: 1 } });
    expect((await entries(bot.id)).map((e) => e.question)).toEqual(["Is there parking?", "Open on Sunday?"]);
  });
});
