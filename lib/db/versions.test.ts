import { describe, expect, it } from "vitest";
import { startChat } from "@/lib/chat/pipeline";
import { AppError } from "@/lib/errors";
import { botInput, makeUser } from "@/lib/testing/factories";
import { createChatbot, createChatbotWithKnowledge, updateChatbot } from "./chatbots";
import { findPublicBot } from "./channels";
import { db } from "./client";
import { addKnowledge } from "./knowledge";
import type { Caller } from "./scopes";
import { compareVersions, draftStatus, listVersions, publishDraft, restoreVersion } from "./versions";

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (e) => (e instanceof AppError ? e.code : String(e)),
  );

/** What a caller's message gets back: the built-in model with no knowledge says the fallback message. */
async function reply(caller: Caller, botId: string) {
  const { events } = await startChat({ caller, botId, message: "anything at all?" });
  let said = "";
  for await (const event of events) if (event.type === "text") said += event.text;
  return said;
}

describe("versions", () => {
  it("a new bot has version 1, published; a behavioural save makes a version, a cosmetic one none", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput({ systemPrompt: "Be brief." }));
    let list = await listVersions(owner, bot.id);
    expect(list.published).toBe(1);
    expect(list.versions.map((v) => v.number)).toEqual([1]);
    expect(await draftStatus(owner, bot.id)).toEqual({ published: 1, unpublished: false });

    // Cosmetic: name, description, avatar, switch, quota.
    await updateChatbot(owner, bot.id, botInput({ systemPrompt: "Be brief.", name: "Renamed", description: "d", avatarIcon: "shop", avatarColor: "teal", dailyMessageQuota: 5 }));
    expect((await listVersions(owner, bot.id)).versions).toHaveLength(1);

    // Each behavioural field on its own makes one version, with the author and the note.
    const changes: Partial<Parameters<typeof botInput>[0]>[] = [
      { systemPrompt: "Be kind." },
      { temperature: 0.2 },
      { model: "bigger" },
      { maxOutputTokens: 300 },
      { welcomeMessage: "Hello!" },
      { fallbackMessage: "No idea." },
    ];
    let settings = { systemPrompt: "Be brief." } as Partial<Parameters<typeof botInput>[0]>;
    for (const [i, change] of changes.entries()) {
      settings = { ...settings, ...change };
      const saved = await updateChatbot(owner, bot.id, botInput(settings), `change ${i}`);
      expect(saved.version).toBe(i + 2);
    }
    list = await listVersions(owner, bot.id);
    expect(list.versions.map((v) => v.number)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(list.versions[0]).toMatchObject({ note: "change 5", authorName: (await db.user.findUniqueOrThrow({ where: { id: owner.id } })).username, fallbackMessage: "No idea." });
    expect(list.published).toBe(1);
    expect((await draftStatus(owner, bot.id)).unpublished).toBe(true);

    // Saving the same settings again makes none.
    expect((await updateChatbot(owner, bot.id, botInput(settings))).version).toBeNull();
  });

  it("compares two versions and restores an old one as a new version, history untouched", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput({ systemPrompt: "Line one\nLine two" }));
    await updateChatbot(owner, bot.id, botInput({ systemPrompt: "Line one\nLine 2", temperature: 1 }));
    await addKnowledge(owner, bot.id, [{ question: "q", answer: "a", alternatives: "" }]);
    await updateChatbot(owner, bot.id, botInput({ systemPrompt: "Line one\nLine 2", temperature: 1.5 }));

    const { from, to } = await compareVersions(owner, bot.id, 1, 3);
    expect(from?.systemPrompt).toBe("Line one\nLine two");
    expect(to?.temperature).toBe(1.5);
    expect(to!.knowledgeVersion).toBeGreaterThan(from!.knowledgeVersion);

    const number = await restoreVersion(owner, bot.id, 1);
    expect(number).toBe(4);
    const draft = await db.chatbot.findUniqueOrThrow({ where: { id: bot.id } });
    expect(draft).toMatchObject({ systemPrompt: "Line one\nLine two", temperature: botInput().temperature });
    const list = await listVersions(owner, bot.id);
    expect(list.versions.map((v) => [v.number, v.restoredFrom])).toEqual([[4, 1], [3, null], [2, null], [1, null]]);
    expect(list.versions.find((v) => v.number === 3)?.temperature).toBe(1.5);
    // Restoring version 1, which is published, leaves nothing unpublished.
    expect((await draftStatus(owner, bot.id)).unpublished).toBe(false);
  });

  it("another user can neither list, compare, restore nor publish", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const bot = await createChatbot(owner, botInput());
    await updateChatbot(owner, bot.id, botInput({ systemPrompt: "Changed" }));
    expect(await code(listVersions(other, bot.id))).toBe("not_found");
    expect(await compareVersions(other, bot.id, 1, 2)).toEqual({ from: null, to: null });
    expect(await code(restoreVersion(other, bot.id, 1))).toBe("not_found");
    expect(await code(publishDraft(other, bot.id))).toBe("not_found");
    expect(await code(draftStatus(other, bot.id))).toBe("not_found");
    expect((await listVersions(owner, bot.id)).published).toBe(1);
    expect((await db.chatbot.findUniqueOrThrow({ where: { id: bot.id } })).systemPrompt).toBe("Changed");
  });

  it("the playground answers with the draft; the page, widget and API with the published version until Publish", async () => {
    const owner = await makeUser();
    const bot = await createChatbotWithKnowledge(owner, botInput({ fallbackMessage: "Published says no.", welcomeMessage: "Welcome v1" }), []);
    const row = await db.chatbot.update({ where: { id: bot.id }, data: { publicPageEnabled: true, widgetEnabled: true, apiEnabled: true }, select: { publicId: true } });
    await updateChatbot(owner, bot.id, botInput({ fallbackMessage: "Draft says no.", welcomeMessage: "Welcome v2" }));

    const playground: Caller = { kind: "owner", id: owner.id };
    const page: Caller = { kind: "visitor", visitorId: `v-${bot.id}`, channel: "page", ip: "198.51.100.7" };
    const widget: Caller = { kind: "visitor", visitorId: `w-${bot.id}`, channel: "widget", ip: "198.51.100.8" };
    const api: Caller = { kind: "apiKey", keyId: `k-${bot.id}`, ownerId: owner.id, botIds: null };

    expect(await reply(playground, bot.id)).toBe("Draft says no.");
    for (const caller of [page, widget, api]) expect(await reply(caller, row.publicId)).toBe("Published says no.");
    expect((await findPublicBot(row.publicId, "page"))?.welcomeMessage).toBe("Welcome v1");
    expect((await findPublicBot(row.publicId, "widget"))?.welcomeMessage).toBe("Welcome v1");

    expect(await publishDraft(owner, bot.id)).toBe(2);
    expect((await draftStatus(owner, bot.id)).unpublished).toBe(false);
    for (const caller of [page, widget, api]) expect(await reply(caller, row.publicId)).toBe("Draft says no.");
    expect((await findPublicBot(row.publicId, "page"))?.welcomeMessage).toBe("Welcome v2");

    // Restore version 1: the draft goes back, the public channels keep version 2 until published.
    await restoreVersion(owner, bot.id, 1);
    expect(await reply(playground, bot.id)).toBe("Published says no.");
    expect(await reply(page, row.publicId)).toBe("Draft says no.");
    expect(await publishDraft(owner, bot.id)).toBe(3);
    expect(await reply(api, row.publicId)).toBe("Published says no.");
  });
});
