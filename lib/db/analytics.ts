import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { estimateCost, parseModelPrices } from "@/lib/analytics/prices";
import { SLOTS_PER_DAY, SLOT_MS, epochDayDate, lastDays, type Day, latencyBucket, percentile, questionKey, slotOf, slotShifts, utcDay, utcDaysOf, type Shift } from "@/lib/analytics/time";
import { db } from "./client";
import { sql } from "./direct";
import { ownBot, ownBots, type Actor, type Caller } from "./scopes";

// The analytics rollups (schema: BotActivity, BotLatency, BotTopQuestion, BotVisitor): written as
// an exchange is stored and as a reply is rated, read by the analytics page and the dashboard,
// which never scan messages.

export type Channel = "playground" | "page" | "widget" | "api";
export const CHANNELS: Channel[] = ["playground", "page", "widget", "api"];

export const channelOf = (caller: Caller): Channel => (caller.kind === "owner" ? "playground" : caller.kind === "apiKey" ? "api" : caller.channel);

/** Questions kept per bot and UTC day for the top-questions list (Space-Saving). */
export const TOP_QUESTIONS_PER_DAY = 50;

export type ExchangeFacts = {
  bot: { id: string; provider: string; model: string };
  channel: Channel;
  newConversation: boolean;
  /** When the visitor's message was written: the slot everything of the exchange counts in. */
  at: Date;
  /** A public visitor's browser id (page and widget). */
  visitorId?: string;
  question: string;
  reply: { fallback: boolean; failed: boolean; inputTokens: number | null; outputTokens: number | null; latencyMs: number | null } | null;
};

/** Counts one exchange into the rollups: a few upserts, no transaction, none read back. */
export async function recordExchange(facts: ExchangeFacts) {
  const { bot, channel, reply, at } = facts;
  const writes: Promise<unknown>[] = [
    sql(
      `INSERT INTO "BotActivity" ("chatbotId", "slot", "channel", "provider", "model", "conversations", "questions", "replies", "fallbacks", "failures", "inputTokens", "outputTokens")
       VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $10, $11)
       ON CONFLICT ("chatbotId", "slot", "channel", "provider", "model") DO UPDATE SET
         "conversations" = "BotActivity"."conversations" + excluded."conversations", "questions" = "BotActivity"."questions" + 1,
         "replies" = "BotActivity"."replies" + excluded."replies", "fallbacks" = "BotActivity"."fallbacks" + excluded."fallbacks",
         "failures" = "BotActivity"."failures" + excluded."failures", "inputTokens" = "BotActivity"."inputTokens" + excluded."inputTokens",
         "outputTokens" = "BotActivity"."outputTokens" + excluded."outputTokens"`,
      [bot.id, slotOf(at), channel, bot.provider, bot.model, facts.newConversation ? 1 : 0, reply ? 1 : 0, reply?.fallback ? 1 : 0, reply?.failed ? 1 : 0, reply?.inputTokens ?? 0, reply?.outputTokens ?? 0],
    ),
  ];
  if (reply && !reply.failed && reply.latencyMs !== null) {
    writes.push(
      sql(
        `INSERT INTO "BotLatency" ("chatbotId", "day", "bucket", "count") VALUES ($1, $2, $3, 1)
         ON CONFLICT ("chatbotId", "day", "bucket") DO UPDATE SET "count" = "BotLatency"."count" + 1`,
        [bot.id, utcDay(at), latencyBucket(reply.latencyMs)],
      ),
    );
  }
  if (facts.visitorId) {
    writes.push(
      sql(
        `INSERT INTO "BotVisitor" ("chatbotId", "visitorId", "firstSeenAt", "lastSeenAt") VALUES ($1, $2, $3, $4)
         ON CONFLICT ("chatbotId", "visitorId") DO UPDATE SET "lastSeenAt" = excluded."lastSeenAt" WHERE "BotVisitor"."lastSeenAt" < excluded."lastSeenAt"`,
        [bot.id, facts.visitorId, at, at],
      ),
    );
  }
  // What visitors ask: the owner's own tries in the playground are not among them.
  if (channel !== "playground") writes.push(countQuestion(bot.id, utcDay(at), facts.question));
  const results = await Promise.allSettled(writes);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

/**
 * Space-Saving: the question's count goes up if the day keeps it; else it joins while the day has
 * room; else it takes the place (and count, plus one) of the day's least asked. A question asked
 * more often than 1/50 of the day's questions can never be pushed out. Two visitors racing may
 * both miss the room check: the list then holds one or two more, which only makes it more exact.
 */
async function countQuestion(botId: string, day: string, question: string) {
  const key = questionKey(question);
  if (!key) return;
  const text = question.trim().slice(0, 300);
  const bumped = await sql(`UPDATE "BotTopQuestion" SET "count" = "count" + 1 WHERE "chatbotId" = $1 AND "day" = $2 AND "key" = $3`, [botId, day, key]);
  if (bumped.count) return;
  const joined = await sql(
    `INSERT INTO "BotTopQuestion" ("chatbotId", "day", "key", "text", "count")
     SELECT $1, $2, $3, $4, 1 WHERE (SELECT COUNT(*) FROM "BotTopQuestion" WHERE "chatbotId" = $5 AND "day" = $6) < ${TOP_QUESTIONS_PER_DAY}
     ON CONFLICT ("chatbotId", "day", "key") DO UPDATE SET "count" = "BotTopQuestion"."count" + 1`,
    [botId, day, key, text, botId, day],
  );
  if (joined.count) return;
  await sql(
    `UPDATE "BotTopQuestion" SET "key" = $1, "text" = $2, "count" = "count" + 1
     WHERE "chatbotId" = $3 AND "day" = $4 AND "key" = (SELECT "key" FROM "BotTopQuestion" WHERE "chatbotId" = $5 AND "day" = $6 ORDER BY "count", "key" LIMIT 1)`,
    [key, text, botId, day, botId, day],
  ).catch(() => {}); // another request put this very question in meanwhile: counted there
}

/** A reply's rating changed from `before` to `after` (null: none): the counters of its slot follow. */
export async function recordRating(reply: { chatbotId: string; createdAt: Date; provider: string | null; model: string | null; channel: Channel }, before: number | null, after: number | null) {
  const up = (after === 1 ? 1 : 0) - (before === 1 ? 1 : 0);
  const down = (after === -1 ? 1 : 0) - (before === -1 ? 1 : 0);
  if (!up && !down) return;
  await sql(
    `INSERT INTO "BotActivity" ("chatbotId", "slot", "channel", "provider", "model", "ratingsUp", "ratingsDown") VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ("chatbotId", "slot", "channel", "provider", "model") DO UPDATE SET
       "ratingsUp" = "BotActivity"."ratingsUp" + excluded."ratingsUp", "ratingsDown" = "BotActivity"."ratingsDown" + excluded."ratingsDown"`,
    [reply.chatbotId, slotOf(reply.createdAt), reply.channel, reply.provider ?? "", reply.model ?? "", up, down],
  );
  // Then the kept days from the reply's (in any time zone) on are counted again at the next look.
  await sql(`DELETE FROM "BotLocalDay" WHERE "chatbotId" = $1 AND "date" >= $2`, [reply.chatbotId, utcDay(new Date(reply.createdAt.getTime() - 24 * 60 * 60 * 1000))]);
}

/** A stored conversation's channel: public ones before channels were told apart count as the page. */
export const conversationChannel = (c: { source: string; channel: string | null }): Channel =>
  c.source === "public" ? (c.channel === "widget" ? "widget" : "page") : c.source === "api" ? "api" : "playground";

// ---- Reading -------------------------------------------------------------------------------

export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];
export const periodOf = (value: unknown): Period => PERIODS.find((p) => String(p) === String(value)) ?? 7;

/** The local epoch day of a slot, in SQL: one shift per run of the window's offsets. */
function dayExpression(shifts: Shift[]) {
  const int = (n: number) => {
    if (!Number.isSafeInteger(n)) throw new Error("not an integer");
    return n;
  };
  const term = (s: Shift) => `("slot" + ${int(s.shift)}) / ${SLOTS_PER_DAY}`;
  if (shifts.length === 1) return term(shifts[0]);
  const cases = shifts.slice(1).map((s, i) => `WHEN "slot" < ${int(s.fromSlot)} THEN ${term(shifts[i])}`);
  return `CASE ${cases.join(" ")} ELSE ${term(shifts.at(-1)!)} END`;
}

const num = (v: unknown) => Number(v ?? 0);

const FIGURES = ["conversations", "questions", "replies", "fallbacks", "failures", "ratingsUp", "ratingsDown", "inputTokens", "outputTokens"] as const;
type Figure = (typeof FIGURES)[number];
/** One local day's activity of one bot on one channel and model. */
type DayRow = { chatbotId: string; date: string; channel: string; provider: string; model: string; figures: Record<Figure, number> };

export type DayFigures = { date: string; conversations: number; messages: number; questions: number; replies: number; fallbacks: number; failures: number; ratingsUp: number; ratingsDown: number };
type Totals = Omit<DayFigures, "date"> & { inputTokens: number; outputTokens: number };
const zero = (): Totals => ({ conversations: 0, messages: 0, questions: 0, replies: 0, fallbacks: 0, failures: 0, ratingsUp: 0, ratingsDown: 0, inputTokens: 0, outputTokens: 0 });

const placeholders = (count: number, first: number) => Array.from({ length: count }, (_, i) => `$${first + i}`).join(", ");

/** The bots' activity per local day from the 15-minute slots in [start, end). */
async function fromSlots(botIds: string[], timeZone: string, start: number, end: number): Promise<DayRow[]> {
  const { rows } = await sql(
    `SELECT "chatbotId", ${dayExpression(slotShifts(timeZone, start, end))} AS "d", "channel", "provider", "model", ${FIGURES.map((f) => `SUM("${f}") AS "${f}"`).join(", ")}
     FROM "BotActivity" WHERE "chatbotId" IN (${placeholders(botIds.length, 1)}) AND "slot" >= $${botIds.length + 1} AND "slot" < $${botIds.length + 2}
     GROUP BY 1, 2, 3, 4, 5`,
    [...botIds, start, end],
  );
  return rows.map((r) => ({
    chatbotId: String(r.chatbotId),
    date: epochDayDate(num(r.d)),
    channel: String(r.channel),
    provider: String(r.provider),
    model: String(r.model),
    figures: Object.fromEntries(FIGURES.map((f) => [f, num(r[f])])) as Record<Figure, number>,
  }));
}

/** A reply may still be counted into its slot this long after the slot began (AI_TIMEOUT_SECONDS is at most 10 minutes). */
const SETTLE_MS = 15 * 60 * 1000;

/**
 * The bots' activity on the given local days: days that are over from BotLocalDay, filling in the
 * ones it lacks from the slots (once per bot, zone and day); today, and a day that ended moments
 * ago, from the slots each time.
 */
async function activityByDay(botIds: string[], timeZone: string, days: Day[], now: number): Promise<DayRow[]> {
  if (!botIds.length) return [];
  const settled = slotOf(new Date(now - SETTLE_MS));
  const over = days.filter((d) => d.endSlot <= settled);
  const live = days.filter((d) => d.endSlot > settled);
  const rows: DayRow[] = [];
  if (over.length) {
    const n = botIds.length;
    const cached = await sql(
      `SELECT "chatbotId", "date", "channel", "provider", "model", ${FIGURES.map((f) => `"${f}"`).join(", ")} FROM "BotLocalDay"
       WHERE "chatbotId" IN (${placeholders(n, 1)}) AND "timeZone" = $${n + 1} AND "date" >= $${n + 2} AND "date" <= $${n + 3}`,
      [...botIds, timeZone, over[0].date, over.at(-1)!.date],
    );
    const filled = new Set<string>();
    for (const r of cached.rows) {
      if (r.channel === "") filled.add(`${r.chatbotId}|${r.date}`);
      else rows.push({ chatbotId: String(r.chatbotId), date: String(r.date), channel: String(r.channel), provider: String(r.provider), model: String(r.model), figures: Object.fromEntries(FIGURES.map((f) => [f, num(r[f])])) as Record<Figure, number> });
    }
    const missing = botIds.flatMap((bot) => over.filter((d) => !filled.has(`${bot}|${d.date}`)).map((d) => ({ bot, day: d })));
    if (missing.length) {
      const bots = [...new Set(missing.map((m) => m.bot))];
      const lacking = new Set(missing.map((m) => `${m.bot}|${m.day.date}`));
      const start = Math.min(...missing.map((m) => m.day.startSlot));
      const end = Math.max(...missing.map((m) => m.day.endSlot));
      const computed = (await fromSlots(bots, timeZone, start, end)).filter((r) => lacking.has(`${r.chatbotId}|${r.date}`));
      rows.push(...computed);
      await fillLocalDays(timeZone, computed, missing.map((m) => ({ chatbotId: m.bot, date: m.day.date })));
    }
  }
  if (live.length) rows.push(...(await fromSlots(botIds, timeZone, live[0].startSlot, live.at(-1)!.endSlot)));
  return rows;
}

/** Keeps computed days, each with its marker; a viewer who filled them meanwhile wins (same figures). */
async function fillLocalDays(timeZone: string, rows: DayRow[], days: { chatbotId: string; date: string }[]) {
  const all = [
    ...rows.map((r) => [r.chatbotId, timeZone, r.date, r.channel, r.provider, r.model, ...FIGURES.map((f) => r.figures[f])]),
    ...days.map((d) => [d.chatbotId, timeZone, d.date, "", "", "", ...FIGURES.map(() => 0)]),
  ];
  const columns = ["chatbotId", "timeZone", "date", "channel", "provider", "model", ...FIGURES];
  for (let i = 0; i < all.length; i += 500) {
    const batch = all.slice(i, i + 500);
    let p = 0;
    await sql(
      `INSERT INTO "BotLocalDay" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${batch.map((row) => `(${row.map(() => `$${++p}`).join(", ")})`).join(", ")}
       ON CONFLICT DO NOTHING`,
      batch.flat(),
    );
  }
}

/**
 * A bot's figures (or, without `botId`, all the actor's bots together) over the last `period`
 * days in the viewer's time zone, today included.
 */
export async function readAnalytics(actor: Actor, options: { botId?: string; period: Period; timeZone: string; now?: number }) {
  const { botId, period, timeZone } = options;
  const now = options.now ?? Date.now();
  const botIds = (await db.chatbot.findMany({ where: botId ? ownBot(actor, botId) : ownBots(actor), select: { id: true } })).map((b) => b.id);
  if (botId && !botIds.length) throw new AppError("not_found");
  const days = lastDays(timeZone, period, now);
  const start = days[0].startSlot;
  const end = days.at(-1)!.endSlot;
  const n = botIds.length;
  const bots = { text: `"chatbotId" IN (${placeholders(n, 1)})`, params: botIds };
  const utc = utcDaysOf(start, end);

  const [activity, latency, top, visitors] = n
    ? await Promise.all([
        activityByDay(botIds, timeZone, days, now),
        sql(`SELECT "bucket", SUM("count") AS "count" FROM "BotLatency" WHERE ${bots.text} AND "day" >= $${n + 1} AND "day" <= $${n + 2} GROUP BY "bucket"`, [...bots.params, utc.from, utc.to]),
        sql(
          `SELECT "key", MIN("text") AS "text", SUM("count") AS "count" FROM "BotTopQuestion" WHERE ${bots.text} AND "day" >= $${n + 1} AND "day" <= $${n + 2}
           GROUP BY "key" ORDER BY 3 DESC, 1 LIMIT 10`,
          [...bots.params, utc.from, utc.to],
        ),
        sql(`SELECT COUNT(*) AS "n" FROM "BotVisitor" WHERE ${bots.text} AND "lastSeenAt" >= $${n + 1}`, [...bots.params, new Date(start * SLOT_MS)]),
      ])
    : [[], { rows: [] }, { rows: [] }, { rows: [] }];

  const byDate = new Map(days.map((d) => [d.date, { date: d.date, ...zero() }]));
  const byChannel = new Map(CHANNELS.map((c) => [c, zero()]));
  const byModel = new Map<string, Totals & { provider: string; model: string }>();
  const totals = zero();
  for (const row of activity) {
    const figures: Totals = { ...row.figures, messages: row.figures.questions + row.figures.replies };
    const targets = [totals, byDate.get(row.date), byChannel.get(row.channel as Channel)];
    if (row.provider) {
      const key = `${row.provider}/${row.model}`;
      if (!byModel.has(key)) byModel.set(key, { provider: row.provider, model: row.model, ...zero() });
      targets.push(byModel.get(key));
    }
    for (const target of targets) if (target) for (const k of Object.keys(figures) as (keyof Totals)[]) target[k] += figures[k];
  }
  const prices = parseModelPrices(env().MODEL_PRICES);
  const histogram = latency.rows.map((r) => ({ bucket: num(r.bucket), count: num(r.count) }));
  return {
    period,
    timeZone,
    days: [...byDate.values()].map(({ inputTokens, outputTokens, ...day }) => (void inputTokens, void outputTokens, day)),
    totals: { ...totals, answered: totals.replies - totals.fallbacks - totals.failures, visitors: num(visitors.rows[0]?.n) },
    channels: CHANNELS.map((channel) => ({ channel, ...byChannel.get(channel)! })),
    models: [...byModel.values()]
      .filter((m) => m.replies || m.inputTokens || m.outputTokens)
      .map((m) => ({ provider: m.provider, model: m.model, replies: m.replies, inputTokens: m.inputTokens, outputTokens: m.outputTokens, cost: estimateCost(prices, m.provider, m.model, { input: m.inputTokens, output: m.outputTokens }) }))
      .sort((a, b) => b.replies - a.replies),
    latency: { median: percentile(histogram, 0.5), p95: percentile(histogram, 0.95), replies: histogram.reduce((s, h) => s + h.count, 0) },
    topQuestions: top.rows.map((r) => ({ text: String(r.text), count: num(r.count) })),
  };
}

export type Analytics = Awaited<ReturnType<typeof readAnalytics>>;

/** Visitors last seen, and kept days, before this many days are dropped by the periodic cleanup: past every window. */
export const ANALYTICS_KEEP_DAYS = 100;

/** The periodic cleanup's part: visitors not seen in any window any more, and kept days past them. */
export async function trimAnalytics(now = new Date()) {
  const before = new Date(now.getTime() - ANALYTICS_KEEP_DAYS * 24 * 60 * 60 * 1000);
  const visitors = (await sql(`DELETE FROM "BotVisitor" WHERE "lastSeenAt" < $1`, [before])).count;
  const localDays = (await sql(`DELETE FROM "BotLocalDay" WHERE "date" < $1`, [utcDay(before)])).count;
  return { visitors, localDays };
}

