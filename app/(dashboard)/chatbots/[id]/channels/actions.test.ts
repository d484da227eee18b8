import { beforeEach, describe, expect, it, vi } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { botInput, channelsInput as form, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { newLinkAction, saveChannelsAction } from "./actions";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const row = (id: string) =>
  db.chatbot.findUniqueOrThrow({
    where: { id },
    select: { publicId: true, publicPageEnabled: true, widgetEnabled: true, allowedOrigins: true, widgetSettings: true, apiEnabled: true, ownerId: true, isActive: true },
  });

describe("Channels actions", () => {
  beforeEach(() => actAs(null));

  it("start with every channel off, and let the owner switch each on its own", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    expect(await row(bot.id)).toMatchObject({ publicPageEnabled: false, widgetEnabled: false, apiEnabled: false, allowedOrigins: "" });
    actAs(owner);
    expect(await saveChannelsAction(bot.id, form({ publicPageEnabled: true }))).toMatchObject({ ok: true });
    expect(await row(bot.id)).toMatchObject({ publicPageEnabled: true, widgetEnabled: false, apiEnabled: false });
    const saved = await saveChannelsAction(bot.id, form({ widgetEnabled: "on", allowedOrigins: "https://Shop.example/\nhttp://localhost:5173", widgetColor: "#AA0000", widgetPosition: "left", widgetGreeting: "Hi!", widgetButtonLabel: "Help" }));
    expect(saved).toMatchObject({ ok: true });
    const stored = await row(bot.id);
    expect(stored).toMatchObject({ publicPageEnabled: false, widgetEnabled: true, allowedOrigins: "https://shop.example\nhttp://localhost:5173" });
    expect(JSON.parse(stored.widgetSettings)).toEqual({ color: "#aa0000", position: "left", greeting: "Hi!", buttonLabel: "Help" });
    expect(await saveChannelsAction(bot.id, form({ apiEnabled: true }))).toMatchObject({ ok: true });
    expect(await row(bot.id)).toMatchObject({ widgetEnabled: false, apiEnabled: true });
  });

  it("refuse the widget without an allowed origin and any origin that is not one, with every field error", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    actAs(owner);
    expect(await saveChannelsAction(bot.id, form({ widgetEnabled: true }))).toEqual({ ok: false, code: "invalid_data", fieldErrors: { allowedOrigins: "origins_required" } });
    expect(await saveChannelsAction(bot.id, form({ allowedOrigins: "http://shop.example", widgetColor: "blue" }))).toEqual({
      ok: false,
      code: "invalid_data",
      fieldErrors: { allowedOrigins: "origin_invalid", widgetColor: "color_invalid" },
    });
    expect(await row(bot.id)).toMatchObject({ widgetEnabled: false, allowedOrigins: "" });
  });

  it("store example.com and a page's address as the website, tell the owner which lines, and refuse a separator (issue 19, finding 7)", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    actAs(owner);
    const saved = await saveChannelsAction(bot.id, form({ widgetEnabled: true, allowedOrigins: "example.com\nhttps://example.com/shop/page\nhttps://b.example" }));
    expect(saved).toEqual({ ok: true, data: { botId: bot.id } });
    expect(await row(bot.id)).toMatchObject({ widgetEnabled: true, allowedOrigins: "https://example.com\nhttps://b.example" });
    for (const bad of ["https://a.example.com;sandbox", "https://a.example.com,https://evil.example", "javascript:alert(1)", "http://shop.example"]) {
      expect(await saveChannelsAction(bot.id, form({ widgetEnabled: true, allowedOrigins: `https://ok.example\n${bad}\nhttps://c.example` })), bad).toMatchObject({ ok: false, fieldErrors: { allowedOrigins: "origin_invalid" } });
    }
    expect(await row(bot.id)).toMatchObject({ allowedOrigins: "https://example.com\nhttps://b.example" });
  });

  it("replace the public id on New link; nothing without a session or for another user's bot; smuggled fields ignored", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    const before = await row(bot.id);
    expect(await saveChannelsAction(bot.id, form({ publicPageEnabled: true }))).toEqual({ ok: false, code: "unauthenticated" });
    expect(await newLinkAction(bot.id)).toEqual({ ok: false, code: "unauthenticated" });
    actAs(await makeUser());
    expect(await saveChannelsAction(bot.id, form({ publicPageEnabled: true }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await newLinkAction(bot.id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await row(bot.id)).toEqual(before);

    actAs(owner);
    const smuggled = await saveChannelsAction(bot.id, { ...form({ publicPageEnabled: true }), publicId: "chosen-by-the-client-123", ownerId: "someone", isActive: false });
    expect(smuggled).toMatchObject({ ok: true });
    expect(await row(bot.id)).toMatchObject({ publicId: before.publicId, ownerId: owner.id, isActive: true, publicPageEnabled: true });
    expect(await newLinkAction(bot.id)).toMatchObject({ ok: true });
    const after = await row(bot.id);
    expect(after.publicId).not.toBe(before.publicId);
    expect(after.publicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
