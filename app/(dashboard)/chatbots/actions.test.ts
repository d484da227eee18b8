import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { createChatbotAction, deleteChatbotAction, setChatbotActiveAction, updateChatbotAction } from "./actions";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const countBots = (ownerId: string) => db.chatbot.count({ where: { ownerId } });

describe("chatbot actions", () => {
  beforeEach(() => actAs(null));

  it("with no session answer unauthenticated and write nothing", async () => {
    const owner = await makeUser();
    const bot = await db.chatbot.create({ data: { ...botInput({ name: "Kept" }), ownerId: owner.id } });

    expect(await createChatbotAction(botInput())).toEqual({ ok: false, code: "unauthenticated" });
    expect(await updateChatbotAction(bot.id, botInput({ name: "Changed" }))).toEqual({ ok: false, code: "unauthenticated" });
    expect(await setChatbotActiveAction(bot.id, { isActive: false })).toEqual({ ok: false, code: "unauthenticated" });
    expect(await deleteChatbotAction(bot.id)).toEqual({ ok: false, code: "unauthenticated" });
    expect(await db.chatbot.findUniqueOrThrow({ where: { id: bot.id } })).toMatchObject({ name: "Kept", isActive: true });
    expect(await countBots(owner.id)).toBe(1);
  });

  it("on another user's bot answer not_found and change nothing", async () => {
    const owner = await makeUser();
    const intruder = await makeUser();
    const bot = await db.chatbot.create({ data: { ...botInput({ name: "Kept" }), ownerId: owner.id } });
    actAs(intruder);

    expect(await updateChatbotAction(bot.id, botInput({ name: "Changed" }))).toEqual({ ok: false, code: "not_found" });
    expect(await setChatbotActiveAction(bot.id, { isActive: false })).toEqual({ ok: false, code: "not_found" });
    expect(await deleteChatbotAction(bot.id)).toEqual({ ok: false, code: "not_found" });
    expect(await db.chatbot.findUniqueOrThrow({ where: { id: bot.id } })).toMatchObject({ name: "Kept", isActive: true, ownerId: owner.id });
  });

  it("ignore an ownerId, id or dates smuggled into the form", async () => {
    const victim = await makeUser();
    const user = await makeUser();
    actAs(user);
    const form = new FormData();
    for (const [k, v] of Object.entries({ name: "Mine", ownerId: victim.id, id: "chosen-id", createdAt: "2000-01-01", isActive: "on" })) form.set(k, v);

    const created = await createChatbotAction(form);
    expect(created.ok).toBe(true);
    const id = created.ok ? created.data.id : "";
    expect(id).not.toBe("chosen-id");
    expect(await db.chatbot.findUniqueOrThrow({ where: { id } })).toMatchObject({ ownerId: user.id, name: "Mine", isActive: true });
    expect(await countBots(victim.id)).toBe(0);

    await updateChatbotAction(id, { ...botInput({ name: "Still mine" }), ownerId: victim.id });
    expect(await db.chatbot.findUniqueOrThrow({ where: { id } })).toMatchObject({ ownerId: user.id, name: "Still mine" });
  });

  it("refuse a malformed bound id as bad input, without logging a server error", async () => {
    const user = await makeUser();
    actAs(user);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const id of ["", "x".repeat(65), 42, null]) {
      expect(await updateChatbotAction(id, botInput())).toMatchObject({ ok: false, code: "invalid_data", fieldErrors: { id: "invalid_data" } });
      expect(await deleteChatbotAction(id)).toMatchObject({ ok: false, code: "invalid_data" });
    }
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });

  it("refuse over-long fields with every field's error, and write nothing", async () => {
    const user = await makeUser();
    actAs(user);
    const result = await createChatbotAction({ name: "n".repeat(101), description: "d".repeat(501), systemPrompt: "s".repeat(8001) });
    expect(result).toEqual({
      ok: false,
      code: "invalid_data",
      fieldErrors: { name: "too_long", description: "too_long", systemPrompt: "too_long" },
    });
    expect(await countBots(user.id)).toBe(0);
  });

  it("let the owner create, edit, toggle and delete", async () => {
    const user = await makeUser();
    actAs(user);
    const created = await createChatbotAction(botInput({ name: "Helper" }));
    if (!created.ok) throw new Error(created.code);
    expect(await updateChatbotAction(created.data.id, botInput({ name: "Helper 2", isActive: false }))).toMatchObject({ ok: true });
    expect(await setChatbotActiveAction(created.data.id, { isActive: true })).toMatchObject({ ok: true });
    expect(await db.chatbot.findUniqueOrThrow({ where: { id: created.data.id } })).toMatchObject({ name: "Helper 2", isActive: true });
    expect(await deleteChatbotAction(created.data.id)).toMatchObject({ ok: true });
    expect(await countBots(user.id)).toBe(0);
  });
});
