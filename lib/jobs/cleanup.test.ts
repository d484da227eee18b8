import { randomUUID } from "node:crypto";
import { expect, it, vi } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { botInput, makeUser, startChatWith } from "@/lib/testing/factories";
import { cleanUp } from "./cleanup";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const tag = randomUUID().slice(0, 8);

async function conversationAged(owner: { id: string }, botId: string, days: number) {
  const id = await startChatWith(owner, botId, `hello ${days}`);
  await db.conversation.update({ where: { id }, data: { updatedAt: ago(days) } });
  return id;
}

it("deletes expired sessions, half-done two-factor logins, verification tokens and limiter rows, and keeps the current ones", async () => {
  const user = await makeUser();
  await db.session.createMany({ data: [{ sessionToken: `old-${tag}`, userId: user.id, expires: ago(1) }, { sessionToken: `new-${tag}`, userId: user.id, expires: ago(-1) }] });
  await db.pendingLogin.createMany({ data: [{ tokenHash: `old-${tag}`, userId: user.id, expires: ago(1 / 24) }, { tokenHash: `new-${tag}`, userId: user.id, expires: ago(-1 / 288) }] });
  await db.verificationToken.createMany({ data: [{ identifier: tag, token: "old", expires: ago(1) }, { identifier: tag, token: "new", expires: ago(-1) }] });
  await db.rateLimiterFlexible.createMany({ data: [{ key: `old-${tag}`, points: 1, expire: ago(1 / 24) }, { key: `new-${tag}`, points: 1, expire: ago(-1 / 24) }, { key: `forever-${tag}`, points: 1, expire: null }] });
  await cleanUp(now);
  expect((await db.session.findMany({ where: { userId: user.id } })).map((s) => s.sessionToken)).toEqual([`new-${tag}`]);
  expect((await db.pendingLogin.findMany({ where: { userId: user.id } })).map((p) => p.tokenHash)).toEqual([`new-${tag}`]);
  expect((await db.verificationToken.findMany({ where: { identifier: tag } })).map((t) => t.token)).toEqual(["new"]);
  expect((await db.rateLimiterFlexible.findMany({ where: { key: { endsWith: tag } }, orderBy: { key: "asc" } })).map((r) => r.key)).toEqual([`forever-${tag}`, `new-${tag}`]);
});

it("deletes audit events past AUDIT_RETENTION_DAYS (180 by default), and none when it is 0", async () => {
  await db.auditEvent.createMany({ data: [{ action: "login_ok", actorName: `old-${tag}`, createdAt: ago(181) }, { action: "login_ok", actorName: `kept-${tag}`, createdAt: ago(179) }] });
  await cleanUp(now);
  expect((await db.auditEvent.findMany({ where: { actorName: { endsWith: tag } } })).map((e) => e.actorName)).toEqual([`kept-${tag}`]);

  await db.auditEvent.create({ data: { action: "login_ok", actorName: `ancient-${tag}`, createdAt: ago(5000) } });
  process.env.AUDIT_RETENTION_DAYS = "0";
  vi.resetModules(); // the configuration is read again
  try {
    const fresh = await import("./cleanup");
    expect((await fresh.cleanUp(now)).auditEvents).toBe(0);
    expect(await db.auditEvent.count({ where: { actorName: `ancient-${tag}` } })).toBe(1);
  } finally {
    delete process.env.AUDIT_RETENTION_DAYS;
    vi.resetModules();
  }
  await cleanUp(now);
  expect(await db.auditEvent.count({ where: { actorName: `ancient-${tag}` } })).toBe(0);
});

it("deletes a bot's conversations untouched for its owner's retention, with their messages; a bot without one keeps everything", async () => {
  const owner = await makeUser();
  const kept = await createChatbot(owner, botInput({ name: "Keeps all" }));
  const trimmed = await createChatbot(owner, botInput({ name: "Thirty days", conversationRetentionDays: 30 }));
  const old = await conversationAged(owner, trimmed.id, 31);
  const recent = await conversationAged(owner, trimmed.id, 29);
  const ancient = await conversationAged(owner, kept.id, 3000);
  const result = await cleanUp(now);
  expect(result.conversations).toBeGreaterThanOrEqual(1);
  expect((await db.conversation.findMany({ where: { chatbotId: { in: [kept.id, trimmed.id] } }, orderBy: { id: "asc" } })).map((c) => c.id).sort()).toEqual([recent, ancient].sort());
  expect(await db.message.count({ where: { conversationId: old } })).toBe(0);
  expect(await db.message.count({ where: { conversationId: recent } })).toBe(1);
  expect(await db.message.count({ where: { conversationId: ancient } })).toBe(1);
});

it("run twice at once: each row deleted once, neither run fails", async () => {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput({ conversationRetentionDays: 1 }));
  const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => conversationAged(owner, bot.id, 2 + i)));
  await db.session.create({ data: { sessionToken: `twice-${tag}`, userId: owner.id, expires: ago(1) } });
  const [a, b] = await Promise.all([cleanUp(now), cleanUp(now)]);
  expect(await db.conversation.count({ where: { id: { in: ids } } })).toBe(0);
  expect(await db.message.count({ where: { conversationId: { in: ids } } })).toBe(0);
  expect(await db.session.count({ where: { sessionToken: `twice-${tag}` } })).toBe(0);
  // Between them, the five conversations went once (another file's rows may be in the counts too).
  expect(a.conversations + b.conversations).toBeGreaterThanOrEqual(5);
  expect(a.messages + b.messages).toBeGreaterThanOrEqual(5);
});
