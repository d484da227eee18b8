import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createChatbotWithKnowledge } from "@/lib/db/chatbots";
import { botInput, makeUser } from "@/lib/testing/factories";
import { startChat } from "@/lib/chat/pipeline";
import type { Caller } from "./scopes";
import { TOP_QUESTIONS_PER_DAY, trimAnalytics, readAnalytics } from "./analytics";
import { rateReply } from "./feedback";

afterEach(() => {
  vi.useRealTimers();
});

/** One exchange at a given instant, through the pipeline every channel uses; the reply's id. */
async function say(caller: Caller, botId: string, message: string, at: string, conversationId?: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(at));
  try {
    const reply = await startChat({ caller, botId, message, conversationId });
    let messageId: string | undefined = "";
    for await (const event of reply.events) if (event.type === "done") messageId = event.messageId;
    return { conversationId: reply.conversationId, messageId: messageId ?? "" };
  } finally {
    vi.useRealTimers();
  }
}

async function publicBot() {
  const owner = await makeUser();
  const bot = await createChatbotWithKnowledge(owner, botInput({ dailyMessageQuota: null, fallbackMessage: "Sorry, I cannot answer that." }), [{ question: "opening hours", answer: "From nine to five." }]);
  const { publicId } = await db.chatbot.update({ where: { id: bot.id }, data: { publicPageEnabled: true, widgetEnabled: true, apiEnabled: true }, select: { publicId: true } });
  const owned: Caller = { kind: "owner", id: owner.id };
  const page = (visitorId: string): Caller => ({ kind: "visitor", visitorId, channel: "page", ip: null });
  const widget = (visitorId: string): Caller => ({ kind: "visitor", visitorId, channel: "widget", ip: null });
  const api: Caller = { kind: "apiKey", keyId: `key-${bot.id}`, ownerId: owner.id, botIds: null };
  return { owner, bot, publicId: publicId!, owned, page, widget, api };
}

// "Now" for the reading: 12:00 UTC on 4 December, which is already 02:00 on 5 December in
// Kiritimati (UTC+14) and still 01:00 on 4 December in Pago Pago (UTC-11).
const NOW = Date.parse("2026-12-04T12:00:00Z");

describe("analytics", () => {
  it("counts a seeded set of exchanges per day in the viewer's time zone, per channel, with ratings, visitors and top questions", async () => {
    const { owner, bot, publicId, owned, page, widget, api } = await publicBot();
    // Kiritimati's 5 December began at 10:00 UTC on the 4th: these two fall on either side.
    const a = await say(page("v1"), publicId, "opening hours", "2026-12-04T09:50:00Z");
    await say(page("v1"), publicId, "Do you sell bikes?", "2026-12-04T09:52:00Z", a.conversationId);
    const b = await say(widget("v2"), publicId, "Opening hours?", "2026-12-04T10:05:00Z");
    await say(api, publicId, "opening hours", "2026-12-04T11:00:00Z");
    await say(owned, bot.id, "opening hours", "2026-12-04T11:30:00Z");
    // Three days earlier, and outside a week.
    await say(page("v3"), publicId, "do you sell bikes", "2026-12-01T12:00:00Z");
    await say(page("v4"), publicId, "opening hours", "2026-11-20T12:00:00Z");

    await rateReply(page("v1"), publicId, { messageId: a.messageId, rating: 1, comment: "" });
    await rateReply(widget("v2"), publicId, { messageId: b.messageId, rating: 1, comment: "" });
    await rateReply(widget("v2"), publicId, { messageId: b.messageId, rating: -1, comment: "wrong" }); // changed its mind

    const east = await readAnalytics(owner, { botId: bot.id, period: 7, timeZone: "Pacific/Kiritimati", now: NOW });
    expect(east.days.map((d) => d.date)).toEqual(["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05"]);
    const day = (date: string) => east.days.find((d) => d.date === date)!;
    // 4 December in Kiritimati: the page visitor's two messages; the 5th: widget, API, playground.
    expect(day("2026-12-04")).toMatchObject({ conversations: 1, questions: 2, replies: 2, messages: 4, fallbacks: 1, ratingsUp: 1 });
    expect(day("2026-12-05")).toMatchObject({ conversations: 3, questions: 3, replies: 3, messages: 6, fallbacks: 0, ratingsDown: 1, ratingsUp: 0 });
    expect(day("2026-12-02")).toMatchObject({ conversations: 1, questions: 1, fallbacks: 1 }); // 12:00 UTC on the 1st is 02:00 on the 2nd
    expect(east.totals).toMatchObject({ conversations: 5, questions: 6, replies: 6, fallbacks: 2, failures: 0, answered: 4, ratingsUp: 1, ratingsDown: 1, visitors: 3 });
    expect(Object.fromEntries(east.channels.map((c) => [c.channel, c.questions]))).toEqual({ playground: 1, page: 3, widget: 1, api: 1 });
    // The owner's own tries are not what visitors ask; the wordings "opening hours" and "Opening hours?" are one.
    expect(east.topQuestions).toEqual([
      { text: "opening hours", count: 3 },
      { text: "Do you sell bikes?", count: 2 },
    ]);
    expect(east.models).toEqual([{ provider: "builtin", model: "", replies: 6, inputTokens: 0, outputTokens: 0, cost: 0 }]);
    expect(east.latency.replies).toBe(6);
    expect(east.latency.median).not.toBeNull();

    // Days that are over are kept per time zone and read back alike; a later rating of a reply on
    // such a day is counted there at the next look.
    expect(await db.botLocalDay.count({ where: { chatbotId: bot.id, timeZone: "Pacific/Kiritimati", channel: "" } })).toBe(6);
    expect(await readAnalytics(owner, { botId: bot.id, period: 7, timeZone: "Pacific/Kiritimati", now: NOW })).toEqual(east);
    await rateReply(page("v1"), publicId, { messageId: a.messageId, rating: -1, comment: "" });
    const again = await readAnalytics(owner, { botId: bot.id, period: 7, timeZone: "Pacific/Kiritimati", now: NOW });
    expect(again.days.find((d) => d.date === "2026-12-04")).toMatchObject({ ratingsUp: 0, ratingsDown: 1 });
    await rateReply(page("v1"), publicId, { messageId: a.messageId, rating: 1, comment: "" });

    // Pago Pago's 4 December began at 11:00 UTC: the page and widget visitors were on its 3rd,
    // the API and the playground on its 4th (a day that is one hour old at NOW).
    const west = await readAnalytics(owner, { botId: bot.id, period: 7, timeZone: "Pacific/Pago_Pago", now: NOW });
    expect(west.days.at(-1)).toMatchObject({ date: "2026-12-04", conversations: 2, questions: 2 });
    expect(west.days.find((d) => d.date === "2026-12-03")).toMatchObject({ conversations: 2, questions: 3 });
    expect(west.days.find((d) => d.date === "2026-12-01")).toMatchObject({ conversations: 1 });

    // A month takes in the visitor of 20 November too.
    const month = await readAnalytics(owner, { botId: bot.id, period: 30, timeZone: "UTC", now: NOW });
    expect(month.totals).toMatchObject({ conversations: 6, questions: 7, visitors: 4 });
    expect(month.days).toHaveLength(30);
  });

  it("splits days at half-hour offsets and across a daylight-saving change", async () => {
    const { owner, bot, publicId, page } = await publicBot();
    // India is UTC+5:30: 18:20 UTC is 23:50 on the 3rd there, 18:35 UTC is 00:05 on the 4th.
    await say(page("v1"), publicId, "opening hours", "2026-12-03T18:20:00Z");
    await say(page("v2"), publicId, "opening hours", "2026-12-03T18:35:00Z");
    const india = await readAnalytics(owner, { botId: bot.id, period: 7, timeZone: "Asia/Kolkata", now: NOW });
    expect(india.days.find((d) => d.date === "2026-12-03")!.conversations).toBe(1);
    expect(india.days.find((d) => d.date === "2026-12-04")!.conversations).toBe(1);

    // Berlin left summer time at 01:00 UTC on 25 October 2026: 22:30 UTC on the 24th is 00:30 on the
    // 25th (UTC+2), 23:30 UTC on the 25th is 00:30 on the 26th (UTC+1).
    await say(page("v3"), publicId, "opening hours", "2026-10-24T22:30:00Z");
    await say(page("v4"), publicId, "opening hours", "2026-10-25T22:30:00Z");
    await say(page("v5"), publicId, "opening hours", "2026-10-25T23:30:00Z");
    const autumn = await readAnalytics(owner, { botId: bot.id, period: 7, timeZone: "Europe/Berlin", now: Date.parse("2026-10-27T12:00:00Z") });
    expect(Object.fromEntries(autumn.days.map((d) => [d.date, d.conversations]))).toMatchObject({ "2026-10-24": 0, "2026-10-25": 2, "2026-10-26": 1 });
  });

  it("shows a bot's figures only to its owner, and the dashboard adds up only the owner's bots", async () => {
    const first = await publicBot();
    const other = await publicBot();
    await say(first.page("v1"), first.publicId, "opening hours", "2026-12-04T11:00:00Z");
    await say(other.page("v9"), other.publicId, "opening hours", "2026-12-04T11:00:00Z");
    await expect(readAnalytics(other.owner, { botId: first.bot.id, period: 7, timeZone: "UTC", now: NOW })).rejects.toMatchObject({ code: "not_found" });
    const second = await createChatbotWithKnowledge(first.owner, botInput({ fallbackMessage: "Sorry." }), []);
    await say(first.owned, second.id, "hello", "2026-12-04T11:10:00Z");
    const overview = await readAnalytics(first.owner, { period: 7, timeZone: "UTC", now: NOW });
    expect(overview.totals).toMatchObject({ conversations: 2, questions: 2, visitors: 1 });
  });

  it("keeps the day's most asked questions when more than the list holds are asked", async () => {
    const { owner, bot, publicId, page } = await publicBot();
    const at = (i: number) => new Date(Date.parse("2026-12-04T08:00:00Z") + i * 1000).toISOString();
    let i = 0;
    for (let n = 0; n < 6; n++) await say(page(`h${n}`), publicId, "where do I park", at(i++));
    for (let q = 0; q < TOP_QUESTIONS_PER_DAY + 10; q++) await say(page(`o${q}`), publicId, `question number ${q}`, at(i++));
    for (let n = 0; n < 4; n++) await say(page(`k${n}`), publicId, "where do I park?", at(i++));
    const { topQuestions } = await readAnalytics(owner, { botId: bot.id, period: 7, timeZone: "UTC", now: NOW });
    expect(topQuestions[0]).toEqual({ text: "where do I park", count: 10 });
    expect(await db.botTopQuestion.count({ where: { chatbotId: bot.id } })).toBe(TOP_QUESTIONS_PER_DAY);
  });

  it("forgets visitors once they are past every window", async () => {
    const { owner, bot, publicId, page } = await publicBot();
    await say(page("old"), publicId, "opening hours", "2026-07-01T12:00:00Z");
    await say(page("new"), publicId, "opening hours", "2026-12-01T12:00:00Z");
    expect((await trimAnalytics(new Date(NOW))).visitors).toBeGreaterThanOrEqual(1);
    expect(await db.botVisitor.findMany({ where: { chatbotId: bot.id }, select: { visitorId: true } })).toEqual([{ visitorId: "new" }]);
    expect((await readAnalytics(owner, { botId: bot.id, period: 90, timeZone: "UTC", now: NOW })).totals.visitors).toBe(1);
  });
});
