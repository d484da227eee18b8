import "server-only";
import { db } from "./client";
import { sql } from "./direct";
import { ownBot, ownBots, type Actor } from "./scopes";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A UTC day as the rollup keys it: "YYYY-MM-DD". */
export const usageDay = (at = new Date()) => at.toISOString().slice(0, 10);

/** Start of the current quota day (UTC), its key, and seconds until the next. */
export function quotaDay(now = new Date()) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { start, day: usageDay(start), secondsLeft: Math.ceil((start.getTime() + DAY_MS - now.getTime()) / 1000) };
}

/** The first of the last 7 UTC days, today included: the dashboards' week. */
export const weekStartDay = (now = new Date()) => usageDay(new Date(quotaDay(now).start.getTime() - 6 * DAY_MS));

/**
 * Adds stored messages to the bot's row for that day: one upsert (INSERT … ON CONFLICT, on the
 * driver: ./direct.ts), no transaction. Whatever stores messages counts them here; the chat
 * pipeline counts an exchange once.
 */
export async function countMessages(botId: string, count: { messages: number; visitorMessages: number }, day = usageDay()) {
  if (count.messages === 0 && count.visitorMessages === 0) return;
  await sql(
    `INSERT INTO "BotDailyUsage" ("chatbotId", "day", "messages", "visitorMessages") VALUES ($1, $2, $3, $4)
     ON CONFLICT ("chatbotId", "day") DO UPDATE SET "messages" = "BotDailyUsage"."messages" + excluded."messages",
       "visitorMessages" = "BotDailyUsage"."visitorMessages" + excluded."visitorMessages"`,
    [botId, day, count.messages, count.visitorMessages],
  );
}

/**
 * Takes one message of the bot's daily quota before the provider is asked, in one statement that
 * both checks and counts (an upsert whose update applies only below the quota), so a burst cannot
 * pass together on one instance or several: false when the quota is spent. The message is then
 * counted already: the exchange adds only the bot's messages, or gives it back (`visitorMessages: -1`)
 * when the reply failed before its first token.
 */
export async function reserveQuotaMessage(botId: string, quota: number, day: string): Promise<boolean> {
  if (quota < 1) return false;
  const { rows } = await sql(
    `INSERT INTO "BotDailyUsage" ("chatbotId", "day", "messages", "visitorMessages") VALUES ($1, $2, 0, 1)
     ON CONFLICT ("chatbotId", "day") DO UPDATE SET "visitorMessages" = "BotDailyUsage"."visitorMessages" + 1
     WHERE "BotDailyUsage"."visitorMessages" < $3
     RETURNING "visitorMessages"`,
    [botId, day, quota],
  );
  return rows.length > 0;
}

// Refusals are counted for the owner's notice, not billed: under a flood each instance writes a
// bot's count at once for the first refusal, then once a second with what it refused meanwhile.
const pendingRefusals = new Map<string, { day: string; count: number }>();

/** One message the bot's own limits refused (its quota, or the shared bucket of unknown addresses). */
export function noteRefusedMessage(botId: string, day = usageDay()) {
  const pending = pendingRefusals.get(botId);
  if (pending && pending.day === day) {
    pending.count += 1;
    return;
  }
  void writeRefusals(botId, day, 1);
  const entry = { day, count: 0 };
  pendingRefusals.set(botId, entry);
  setTimeout(() => {
    if (pendingRefusals.get(botId) === entry) pendingRefusals.delete(botId);
    if (entry.count) void writeRefusals(botId, entry.day, entry.count);
  }, 1000).unref?.();
}

async function writeRefusals(botId: string, day: string, count: number) {
  await sql(
    `INSERT INTO "BotDailyUsage" ("chatbotId", "day", "refusedMessages") VALUES ($1, $2, $3)
     ON CONFLICT ("chatbotId", "day") DO UPDATE SET "refusedMessages" = "BotDailyUsage"."refusedMessages" + excluded."refusedMessages"`,
    [botId, day, count],
  ).catch((error) => console.error("could not count refused messages", error));
}

/** Today's refusals for each of the actor's bots (or the one given) that had any, with the quota in force. */
export async function refusalsToday(actor: Actor, botId?: string) {
  const rows = await db.botDailyUsage.findMany({
    where: { chatbot: botId ? ownBot(actor, botId) : ownBots(actor), day: quotaDay().day, refusedMessages: { gt: 0 } },
    select: { chatbotId: true, refusedMessages: true, visitorMessages: true, chatbot: { select: { dailyMessageQuota: true, name: true } } },
  });
  return rows.map((r) => ({
    chatbotId: r.chatbotId,
    name: r.chatbot.name,
    refused: r.refusedMessages,
    quota: r.chatbot.dailyMessageQuota,
    quotaReached: r.chatbot.dailyMessageQuota !== null && r.visitorMessages >= r.chatbot.dailyMessageQuota,
  }));
}

/** Messages in the last 7 UTC days (today included) for each of the actor's bots that had any. */
export async function messagesLastWeek(actor: Actor): Promise<Record<string, number>> {
  const groups = await db.botDailyUsage.groupBy({
    by: ["chatbotId"],
    where: { chatbot: ownBots(actor), day: { gte: weekStartDay() } },
    _sum: { messages: true },
  });
  return Object.fromEntries(groups.filter((g) => g._sum.messages).map((g) => [g.chatbotId, g._sum.messages!]));
}

/** The same for any bots (the admin's list): a map from bot id to its messages of the week. */
export async function messagesLastWeekOf(botIds: string[]): Promise<Map<string, number>> {
  if (botIds.length === 0) return new Map();
  const groups = await db.botDailyUsage.groupBy({
    by: ["chatbotId"],
    where: { chatbotId: { in: botIds }, day: { gte: weekStartDay() } },
    _sum: { messages: true },
  });
  return new Map(groups.map((g) => [g.chatbotId, g._sum.messages ?? 0]));
}
