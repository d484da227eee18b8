import { describe, expect, it } from "vitest";
import { botInput, makeUser } from "@/lib/testing/factories";
import { createChatbot, deleteChatbot } from "./chatbots";
import { db } from "./client";
import { countMessages, messagesLastWeek, messagesLastWeekOf, quotaDay, usageDay, weekStartDay } from "./usage";

const DAY = 24 * 60 * 60 * 1000;

/** The visitor messages the bot's row holds for the quota day of `now` (what the quota counts). */
const messagesToday = async (bot: { id: string }, now = new Date()) =>
  (await db.botDailyUsage.findUnique({ where: { chatbotId_day: { chatbotId: bot.id, day: quotaDay(now).day } } }))?.visitorMessages ?? 0;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

describe("daily usage", () => {
  it("keys days in UTC: the quota day's wait, and a week of today and the six days before", () => {
    const late = new Date("2026-03-01T23:59:30.000Z");
    expect(quotaDay(late)).toEqual({ start: new Date("2026-03-01T00:00:00.000Z"), day: "2026-03-01", secondsLeft: 30 });
    expect(quotaDay(new Date("2026-03-02T00:00:00.000Z")).day).toBe("2026-03-02");
    expect(weekStartDay(late)).toBe("2026-02-23");
    expect(usageDay(new Date("2026-02-28T23:59:59.999Z"))).toBe("2026-02-28");
  });

  it("counts each bot's day in one row: the quota reads its visitor messages, the week sums its messages", async () => {
    const me = await makeUser();
    const other = await makeUser();
    const bot = await createChatbot(me, botInput());
    const quiet = await createChatbot(me, botInput());
    const theirs = await createChatbot(other, botInput());
    await countMessages(bot.id, { messages: 2, visitorMessages: 1 });
    await countMessages(bot.id, { messages: 1, visitorMessages: 1 }); // a reply that was never stored
    await countMessages(bot.id, { messages: 5, visitorMessages: 3 }, usageDay(daysAgo(6)));
    await countMessages(bot.id, { messages: 40, visitorMessages: 20 }, usageDay(daysAgo(7)));
    await countMessages(theirs.id, { messages: 9, visitorMessages: 5 });

    expect(await db.botDailyUsage.count({ where: { chatbotId: bot.id } })).toBe(3);
    expect(await messagesToday(bot)).toBe(2);
    expect(await messagesToday(bot, daysAgo(6))).toBe(3);
    expect(await messagesToday(quiet)).toBe(0);
    expect(await messagesLastWeek(me)).toEqual({ [bot.id]: 8 });
    expect(await messagesLastWeek(other)).toEqual({ [theirs.id]: 9 });
    expect(Object.fromEntries(await messagesLastWeekOf([bot.id, quiet.id, theirs.id]))).toEqual({ [bot.id]: 8, [theirs.id]: 9 });
  });

  it("loses no count when messages arrive together (one upsert each, no read first)", async () => {
    const me = await makeUser();
    const bot = await createChatbot(me, botInput());
    await Promise.all(Array.from({ length: 25 }, () => countMessages(bot.id, { messages: 2, visitorMessages: 1 })));
    expect(await messagesToday(bot)).toBe(25);
    expect(await messagesLastWeek(me)).toEqual({ [bot.id]: 50 });
  });

  it("goes with its bot", async () => {
    const me = await makeUser();
    const bot = await createChatbot(me, botInput());
    await countMessages(bot.id, { messages: 2, visitorMessages: 1 });
    await deleteChatbot(me, bot.id);
    expect(await db.botDailyUsage.count({ where: { chatbotId: bot.id } })).toBe(0);
  });
});
