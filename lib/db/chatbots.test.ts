import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { botInput, makeUser } from "@/lib/testing/factories";
import { db } from "./client";
import {
  CHATBOTS_PER_PAGE,
  createChatbot,
  dashboardSummary,
  deleteChatbot,
  findChatbot,
  getChatbot,
  listChatbots,
  setChatbotActive,
  updateChatbot,
} from "./chatbots";

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (e) => (e instanceof AppError ? e.code : String(e)),
  );

describe("chatbots are scoped to their owner", () => {
  it("another user can neither read, update, toggle nor delete a bot, and it stays as it was", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const bot = await createChatbot(owner, botInput({ name: "Owner's bot", systemPrompt: "secret" }));

    expect(await findChatbot(other, bot.id)).toBeNull();
    expect(await code(getChatbot(other, bot.id))).toBe("not_found");
    expect(await code(updateChatbot(other, bot.id, botInput({ name: "Hijacked" })))).toBe("not_found");
    expect(await code(setChatbotActive(other, bot.id, false))).toBe("not_found");
    expect(await code(deleteChatbot(other, bot.id))).toBe("not_found");
    expect((await listChatbots(other)).total).toBe(0);

    const unchanged = await getChatbot(owner, bot.id);
    expect(unchanged).toMatchObject({ name: "Owner's bot", systemPrompt: "secret", isActive: true });
  });

  it("refuses to query without an acting user rather than dropping the owner filter", async () => {
    const owner = await makeUser();
    await createChatbot(owner, botInput());
    expect(await code(listChatbots({ id: undefined as unknown as string }))).toBe("unauthenticated");
    expect(await code(listChatbots(null as never))).toBe("unauthenticated");
    expect(await code(createChatbot({ id: "" }, botInput()))).toBe("unauthenticated");
  });

  it("the owner updates, toggles and deletes", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput({ name: "First" }));
    const updated = await updateChatbot(owner, bot.id, botInput({ name: "Second", description: "d", isActive: false }));
    expect(updated).toMatchObject({ name: "Second", description: "d", isActive: false });
    await setChatbotActive(owner, bot.id, true);
    expect((await getChatbot(owner, bot.id)).isActive).toBe(true);
    await deleteChatbot(owner, bot.id);
    expect(await findChatbot(owner, bot.id)).toBeNull();
  });
});

describe("the admin lock", () => {
  it("holds when it lands while the owner switches the bot on (finding 9: one statement)", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput({ isActive: false }));
    // The admin's lock lands just before the owner's write reaches the database.
    const updateMany = db.chatbot.updateMany.bind(db.chatbot);
    const spy = vi.spyOn(db.chatbot, "updateMany").mockImplementationOnce((async (args: Parameters<typeof updateMany>[0]) => {
      await db.chatbot.update({ where: { id: bot.id }, data: { adminLocked: true, isActive: false } });
      return updateMany(args);
    }) as never);
    try {
      expect(await code(setChatbotActive(owner, bot.id, true))).toBe("bot_locked");
    } finally {
      spy.mockRestore();
    }
    expect(await db.chatbot.findUniqueOrThrow({ where: { id: bot.id } })).toMatchObject({ adminLocked: true, isActive: false });
    // Switching it off, and editing it while off, still work for the owner.
    await setChatbotActive(owner, bot.id, false);
    expect((await updateChatbot(owner, bot.id, botInput({ name: "Renamed", isActive: false }))).name).toBe("Renamed");
    expect(await code(updateChatbot(owner, bot.id, botInput({ isActive: true })))).toBe("bot_locked");
  });
});

describe("listing", () => {
  it("searches names case-insensitively and pages by 20, newest first", async () => {
    const owner = await makeUser();
    for (let i = 1; i <= 23; i++) await createChatbot(owner, botInput({ name: i === 5 ? "Pizza Planet" : `Bot ${i}` }));

    const first = await listChatbots(owner);
    expect(first).toMatchObject({ total: 23, page: 1, pages: 2 });
    expect(first.items).toHaveLength(CHATBOTS_PER_PAGE);
    const times = first.items.map((b) => b.updatedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const second = await listChatbots(owner, { page: 2 });
    expect(second.items).toHaveLength(3);
    expect(new Set([...first.items, ...second.items].map((b) => b.id)).size).toBe(23);
    expect((await listChatbots(owner, { page: 99 })).page).toBe(2);

    const found = await listChatbots(owner, { query: "pIZZA" });
    expect(found.items.map((b) => b.name)).toEqual(["Pizza Planet"]);
  });

  it("the dashboard counts bots and active bots", async () => {
    const owner = await makeUser();
    await createChatbot(owner, botInput({ isActive: true }));
    await createChatbot(owner, botInput({ isActive: false }));
    const summary = await dashboardSummary(owner);
    expect(summary).toMatchObject({ total: 2, active: 1 });
    expect(summary.recent).toHaveLength(2);
  });
});

it("deleting a user deletes their bots", async () => {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  await db.user.delete({ where: { id: owner.id } });
  expect(await db.chatbot.findUnique({ where: { id: bot.id } })).toBeNull();
});
