import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { catalogTranslator } from "@/lib/testing/messages";
import { createFromTemplateAction } from "./actions";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// The maker's language, as next-intl would pick it from the request.
const locale = vi.hoisted(() => ({ current: "en" }));
vi.mock("next-intl/server", () => ({ getTranslations: async () => catalogTranslator(locale.current, "templates") }));

describe("creating a bot from a template", () => {
  beforeEach(() => {
    actAs(null);
    locale.current = "en";
  });

  it("with no session answers unauthenticated and writes nothing", async () => {
    const before = await db.chatbot.count();
    expect(await createFromTemplateAction({ template: "shop" })).toEqual({ ok: false, code: "unauthenticated" });
    expect(await db.chatbot.count()).toBe(before);
  });

  it("refuses a template that does not exist", async () => {
    const user = await makeUser();
    actAs(user);
    expect(await createFromTemplateAction({ template: "casino" })).toMatchObject({ ok: false, code: "invalid_data" });
    expect(await db.chatbot.count({ where: { ownerId: user.id } })).toBe(0);
  });

  it("creates the bot with its sample Q&A, in order, owned by the maker whatever else is posted, in the maker's language", async () => {
    const victim = await makeUser();
    const user = await makeUser();
    actAs(user);
    locale.current = "es";
    const result = await createFromTemplateAction({ template: "restaurant", ownerId: victim.id, name: "Smuggled" });
    if (!result.ok) throw new Error(result.code);
    const bot = await db.chatbot.findUniqueOrThrow({ where: { id: result.data.id }, include: { knowledge: { orderBy: { position: "asc" } } } });
    expect(bot).toMatchObject({ ownerId: user.id, name: "Anfitrión del restaurante", avatarIcon: "cup-hot", avatarColor: "amber", provider: "builtin", isActive: true });
    expect(bot.welcomeMessage).toContain("¡Bienvenido!");
    expect(bot.knowledge.map((k) => [k.question, k.position])).toEqual([
      ["¿Cuándo abrís?", 0],
      ["¿Cómo puedo reservar mesa?", 1],
      ["¿Tenéis platos vegetarianos o veganos?", 2],
      ["¿Podéis adaptaros a alergias?", 3],
    ]);
    expect(await db.chatbot.count({ where: { ownerId: victim.id } })).toBe(0);
  });
});
