import { beforeEach, describe, expect, it, vi } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { setBotActiveAction, setUserActiveAction, setUserRoleAction } from "./actions";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const makeAdmin = async () => {
  const admin = await makeUser();
  await db.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  return admin;
};
const standing = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { role: true, isActive: true } });

describe("admin actions", () => {
  beforeEach(() => actAs(null));

  it("let an admin promote, deactivate and lock a bot", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    const bot = await createChatbot(user, botInput());
    actAs(admin);
    expect(await setUserRoleAction(user.id, { role: "ADMIN" })).toMatchObject({ ok: true });
    expect(await setUserActiveAction(user.id, { isActive: false })).toMatchObject({ ok: true });
    expect(await standing(user.id)).toEqual({ role: "ADMIN", isActive: false });
    expect(await setBotActiveAction(bot.id, { isActive: false })).toMatchObject({ ok: true });
    expect(await db.chatbot.findUniqueOrThrow({ where: { id: bot.id } })).toMatchObject({ isActive: false, adminLocked: true });
  });

  it("refuse anyone who is not an admin, and refuse malformed input, changing nothing", async () => {
    const user = await makeUser();
    const target = await makeUser();
    const bot = await createChatbot(target, botInput());
    const calls = () => [setUserRoleAction(target.id, { role: "ADMIN" }), setUserActiveAction(target.id, { isActive: false }), setBotActiveAction(bot.id, { isActive: false })];
    for (const result of await Promise.all(calls())) expect(result).toEqual({ ok: false, code: "unauthenticated" });
    actAs(user);
    for (const result of await Promise.all(calls())) expect(result).toEqual({ ok: false, code: "not_found" });
    actAs(await makeAdmin());
    expect(await setUserRoleAction(target.id, { role: "ROOT" })).toMatchObject({ ok: false, code: "invalid_data", fieldErrors: { role: "invalid_data" } });
    expect(await setUserActiveAction("", { isActive: false })).toMatchObject({ ok: false, code: "invalid_data", fieldErrors: { userId: "invalid_data" } });
    expect(await standing(target.id)).toEqual({ role: "USER", isActive: true });
    expect(await db.chatbot.findUniqueOrThrow({ where: { id: bot.id } })).toMatchObject({ isActive: true, adminLocked: false });
  });
});
