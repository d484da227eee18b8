import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { makeUser } from "@/lib/testing/factories";
import { botInput } from "@/lib/testing/factories";
import { isAdmin } from "@/lib/auth/admin";
import { listAllBots, listUsers, promoteByIdentifier, setBotActiveByAdmin, setUserActive, setUserRole } from "./admin";
import { listAudit } from "./audit";
import { createChatbot, getChatbot, setChatbotActive, updateChatbot } from "./chatbots";
import { db } from "./client";
import { endAllSessions, getSessionState, startLoginSession } from "./sessions";
import { countMessages, usageDay } from "./usage";
import { changePassword } from "./users";

const code = (p: Promise<unknown>) => p.then(() => "resolved", (e) => (e instanceof AppError ? e.code : String(e)));
const makeAdmin = async () => {
  const user = await makeUser();
  await promoteByIdentifier(user.username);
  return user;
};

describe("administration", () => {
  it("is refused to users who are not admins, whatever they call", async () => {
    const user = await makeUser();
    const other = await makeUser();
    expect(await isAdmin(user)).toBe(false);
    expect(await code(listUsers(user))).toBe("not_found");
    expect(await code(setUserRole(user, other.id, "ADMIN"))).toBe("not_found");
    expect(await code(setUserActive(user, other.id, false))).toBe("not_found");
    expect(await code(listAllBots(user))).toBe("not_found");
    expect(await code(listAudit(user))).toBe("not_found");
    const bot = await createChatbot(other, botInput());
    expect(await code(setBotActiveByAdmin(user, bot.id, false))).toBe("not_found");
    expect((await getChatbot(other, bot.id)).isActive).toBe(true);
    expect(await db.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ role: "USER", isActive: true });
  });

  it("lets an admin promote, demote, deactivate (ending sessions) and reactivate others", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    expect(await isAdmin(admin)).toBe(true);
    expect((await listUsers(admin, { query: user.username.toUpperCase() })).items).toMatchObject([{ id: user.id, role: "USER", botCount: 0 }]);

    await startLoginSession(user.id, `r-${user.id}`, new Date(Date.now() + 60_000));
    await setUserRole(admin, user.id, "ADMIN");
    expect(await isAdmin(user)).toBe(true);
    // A role change ends the user's sessions.
    expect(await getSessionState(`r-${user.id}`)).toBeNull();
    await setUserRole(admin, user.id, "USER");
    // A demoted admin is refused on the very next call.
    expect(await code(listUsers(user))).toBe("not_found");

    await startLoginSession(user.id, `s-${user.id}`, new Date(Date.now() + 60_000));
    await setUserActive(admin, user.id, false);
    expect(await getSessionState(`s-${user.id}`)).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).isActive).toBe(false);
    await setUserActive(admin, user.id, true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).isActive).toBe(true);
  });

  it("never lets an admin demote or deactivate themself", async () => {
    const admin = await makeAdmin();
    expect(await code(setUserRole(admin, admin.id, "USER"))).toBe("admin_self");
    expect(await code(setUserActive(admin, admin.id, false))).toBe("admin_self");
    expect(await isAdmin(admin)).toBe(true);
  });

  it("keeps an active admin when the last two remove each other at the same moment", async () => {
    // Only these two are admins (earlier tests made others; this file runs on its own).
    await db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
    const [a, b] = [await makeAdmin(), await makeAdmin()];
    const results = await Promise.all([code(setUserRole(a, b.id, "USER")), code(setUserActive(b, a.id, false))]);
    expect(results.filter((r) => r === "resolved")).toHaveLength(1);
    expect(results.filter((r) => r !== "resolved")[0]).toMatch(/^(admin_last|not_found)$/);
    expect(await db.user.count({ where: { role: "ADMIN", isActive: true } })).toBe(1);
  });

  it("promotes from the command line by username or email", async () => {
    const user = await makeUser();
    expect(await promoteByIdentifier(` ${user.email.toUpperCase()} `)).toBe(user.username);
    expect(await isAdmin(user)).toBe(true);
    expect(await code(promoteByIdentifier("nobody-at-all"))).toBe("not_found");
  });
});

describe("administering bots", () => {
  it("lists every user's bots with owner and messages of the last 7 days", async () => {
    const admin = await makeAdmin();
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput({ name: `Shop ${owner.username}` }));
    // An exchange eight days ago, outside the week, and one today.
    await countMessages(bot.id, { messages: 2, visitorMessages: 1 }, usageDay(new Date(Date.now() - 8 * 24 * 60 * 60 * 1000)));
    await countMessages(bot.id, { messages: 2, visitorMessages: 1 });
    const list = await listAllBots(admin, { query: owner.username });
    expect(list.items).toEqual([expect.objectContaining({ id: bot.id, ownerUsername: owner.username, isActive: true, messagesLastWeek: 2 })]);
  });

  it("switches a bot off so that its owner cannot switch it back on, until an admin does", async () => {
    const admin = await makeAdmin();
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    await setBotActiveByAdmin(admin, bot.id, false);
    expect(await getChatbot(owner, bot.id)).toMatchObject({ isActive: false, adminLocked: true });
    expect(await code(setChatbotActive(owner, bot.id, true))).toBe("bot_locked");
    expect(await code(updateChatbot(owner, bot.id, botInput({ isActive: true })))).toBe("bot_locked");
    // Other edits still work while it stays off.
    await updateChatbot(owner, bot.id, botInput({ name: "Renamed", isActive: false }));
    expect(await getChatbot(owner, bot.id)).toMatchObject({ name: "Renamed", isActive: false });
    await setBotActiveByAdmin(admin, bot.id, true);
    expect(await getChatbot(owner, bot.id)).toMatchObject({ isActive: true, adminLocked: false });
    await setChatbotActive(owner, bot.id, false);
    await setChatbotActive(owner, bot.id, true);
  });
});

describe("the audit log", () => {
  it("records admin actions and account events with who and what, and never a password", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    const bot = await createChatbot(user, botInput({ name: "Audited bot" }));
    await setUserRole(admin, user.id, "ADMIN");
    await setUserRole(admin, user.id, "USER");
    await setUserActive(admin, user.id, false);
    await setUserActive(admin, user.id, true);
    await setBotActiveByAdmin(admin, bot.id, false);
    await changePassword(user, "correct horse battery staple", "a brand new passphrase 42");
    await endAllSessions(user);
    const { items } = await listAudit(admin);
    const mine = items.filter((e) => e.targetId === user.id || e.actorId === user.id || e.targetId === bot.id).reverse();
    expect(mine.map((e) => [e.action, e.actorName, e.targetName, e.detail])).toEqual([
      ["user_role", admin.username, user.username, "admin"],
      ["user_role", admin.username, user.username, "user"],
      ["user_active", admin.username, user.username, "inactive"],
      ["user_active", admin.username, user.username, "active"],
      ["bot_active", admin.username, "Audited bot", "inactive"],
      ["password_change", user.username, "", ""],
      ["sign_out_everywhere", user.username, "", ""],
    ]);
    const everything = JSON.stringify(await db.auditEvent.findMany());
    expect(everything).not.toContain("brand new passphrase");
    expect(everything).not.toContain("correct horse");
    expect((await listAudit(admin, { action: "bot_active" })).items.every((e) => e.action === "bot_active")).toBe(true);
  });
});
