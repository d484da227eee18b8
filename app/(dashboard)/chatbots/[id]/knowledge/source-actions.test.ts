import { beforeEach, expect, it, vi } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { addKnowledgeAction, updateKnowledgeAction } from "./actions";
import { addSiteSourceAction, addTextSourceAction, addUrlSourceAction, deleteSourceAction, reindexSourceAction, setSyncScheduleAction } from "./source-actions";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
beforeEach(() => actAs(null));

const sources = (chatbotId: string) => db.knowledgeSource.findMany({ where: { chatbotId }, select: { id: true, kind: true, name: true, maxPages: true, syncSchedule: true }, orderBy: { createdAt: "asc" } });

it("add web pages, sites and texts with every field error named, and refuse what is not http(s)", async () => {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  actAs(owner);
  expect(await addUrlSourceAction(bot.id, { url: "https://example.com/faq" })).toMatchObject({ ok: true });
  expect(await addSiteSourceAction(bot.id, { url: "https://example.com/", maxPages: "3", maxDepth: "1" })).toMatchObject({ ok: true });
  expect(await addTextSourceAction(bot.id, { title: "Hours", body: "Open on Saturdays." })).toMatchObject({ ok: true });
  for (const url of ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.com/", "not a url", "https://user:pw@example.com/"]) {
    expect(await addUrlSourceAction(bot.id, { url })).toMatchObject({ ok: false, code: "invalid_data", fieldErrors: { url: "url_invalid" } });
  }
  expect(await addSiteSourceAction(bot.id, { url: "", maxPages: "0", maxDepth: "9" })).toMatchObject({
    fieldErrors: { url: "required", maxPages: "number_out_of_range", maxDepth: "number_out_of_range" },
  });
  // Within the schema's bound but over KNOWLEDGE_MAX_SITE_PAGES (50 by default).
  expect(await addSiteSourceAction(bot.id, { url: "https://example.com/", maxPages: "51", maxDepth: "1" })).toMatchObject({ fieldErrors: { maxPages: "number_out_of_range" } });
  expect(await addTextSourceAction(bot.id, { title: "", body: "x".repeat(200_001) })).toMatchObject({ fieldErrors: { title: "required", body: "too_long" } });
  expect((await sources(bot.id)).map((s) => [s.kind, s.name, s.maxPages])).toEqual([
    ["url", "https://example.com/faq", null],
    ["site", "https://example.com/", 3],
    ["text", "Hours", null],
  ]);
});

it("answer unauthenticated without a session and not_found for another user's source, changing nothing", async () => {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  actAs(owner);
  await addUrlSourceAction(bot.id, { url: "https://example.com/faq" });
  const [source] = await sources(bot.id);
  const calls = () => [
    addUrlSourceAction(bot.id, { url: "https://example.com/x" }),
    addTextSourceAction(bot.id, { title: "x", body: "y" }),
    deleteSourceAction(bot.id, source.id),
    reindexSourceAction(bot.id, source.id),
    setSyncScheduleAction(bot.id, source.id, { schedule: "daily" }),
  ];
  actAs(null);
  for (const result of await Promise.all(calls())) expect(result).toMatchObject({ ok: false, code: "unauthenticated" });
  actAs(await makeUser());
  for (const result of await Promise.all(calls())) expect(result).toMatchObject({ ok: false, code: "not_found" });
  expect(await sources(bot.id)).toEqual([source]);

  actAs(owner);
  expect(await setSyncScheduleAction(bot.id, source.id, { schedule: "hourly" })).toMatchObject({ ok: false, fieldErrors: { schedule: "invalid_data" } });
  expect(await setSyncScheduleAction(bot.id, source.id, { schedule: "weekly" })).toMatchObject({ ok: true });
  expect(await deleteSourceAction(bot.id, source.id)).toMatchObject({ ok: true });
  expect(await sources(bot.id)).toEqual([]);
});

it("save a Q&A entry's alternative phrasings as trimmed lines", async () => {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  actAs(owner);
  await addKnowledgeAction(bot.id, { question: "Do you have gluten free options?", answer: "Yes.", alternatives: "  coeliac menu? \n\n wheat free bread?\r\n" });
  const entry = await db.knowledgeEntry.findFirstOrThrow({ where: { chatbotId: bot.id } });
  expect(entry.alternatives).toBe("coeliac menu?\nwheat free bread?");
  await updateKnowledgeAction(bot.id, entry.id, { question: entry.question, answer: "Yes.", alternatives: "allergies?" });
  expect((await db.knowledgeEntry.findUniqueOrThrow({ where: { id: entry.id } })).alternatives).toBe("allergies?");
  expect(await updateKnowledgeAction(bot.id, entry.id, { question: "Q?", answer: "A.", alternatives: "x".repeat(501) })).toMatchObject({ fieldErrors: { alternatives: "too_long" } });
});
