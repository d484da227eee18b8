import "server-only";
import { db } from "./client";
import { sql } from "./direct";
import { ownBots, type Actor } from "./scopes";

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

/** Visitor messages the bot has received since the quota day began, on every channel: one row. */
export async function messagesToday(bot: { id: string }, now = new Date()) {
  const { rows } = await sql(`SELECT "visitorMessages" FROM "BotDailyUsage" WHERE "chatbotId" = $1 AND "day" = $2`, [bot.id, quotaDay(now).day]);
  return rows.length ? Number(rows[0].visitorMessages) : 0;
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
