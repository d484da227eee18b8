import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { estimateCost, parseModelPrices } from "@/lib/analytics/prices";
import { epochDayDate, lastDays, latencyBucket, percentile, questionKey, slotOf, slotShifts, utcDay, utcDaysOf, type Shift } from "@/lib/analytics/time";
import { db } from "./client";
import { sql, whereOf } from "./direct";
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
}

/** A stored conversation's channel: public ones before channels were told apart count as the page. */
export const conversationChannel = (c: { source: string; channel: string | null }): Channel =>
  c.source === "public" ? (c.channel === "widget" ? "widget" : "page") : c.source === "api" ? "api" : "playground";

// ---- Reading -------------------------------------------------------------------------------

export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];
export const periodOf = (value: unknown): Period => PERIODS.find((p) => String(p) === String(value)) ?? 7;

const SLOTS_PER_DAY = 96;
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

export type DayFigures = { date: string; conversations: number; messages: number; questions: number; replies: number; fallbacks: number; failures: number; ratingsUp: number; ratingsDown: number };
type Totals = Omit<DayFigures, "date"> & { inputTokens: number; outputTokens: number };
const zero = (): Totals => ({ conversations: 0, messages: 0, questions: 0, replies: 0, fallbacks: 0, failures: 0, ratingsUp: 0, ratingsDown: 0, inputTokens: 0, outputTokens: 0 });

/** Which bots, as an SQL condition on "chatbotId" (ownership from ./scopes.ts), and its parameters. */
function botsCondition(actor: Actor, botId?: string) {
  const where = whereOf(botId ? ownBot(actor, botId) : ownBots(actor));
  return { text: `"chatbotId" IN (SELECT "id" FROM "Chatbot" WHERE ${where.text})`, params: where.params };
}

/**
 * A bot's figures (or, without `botId`, all the actor's bots together) over the last `period`
 * days in the viewer's time zone, today included.
 */
export async function readAnalytics(actor: Actor, options: { botId?: string; period: Period; timeZone: string; now?: number }) {
  const { botId, period, timeZone } = options;
  if (botId && !(await db.chatbot.findFirst({ where: ownBot(actor, botId), select: { id: true } }))) throw new AppError("not_found");
  const days = lastDays(timeZone, period, options.now);
  const start = days[0].startSlot;
  const end = days.at(-1)!.endSlot;
  const bots = botsCondition(actor, botId);
  const n = bots.params.length;
  const utc = utcDaysOf(start, end);

  const [activity, latency, top, visitors] = await Promise.all([
    sql(
      `SELECT ${dayExpression(slotShifts(timeZone, start, end))} AS "d", "channel", "provider", "model",
         SUM("conversations") AS "conversations", SUM("questions") AS "questions", SUM("replies") AS "replies", SUM("fallbacks") AS "fallbacks",
         SUM("failures") AS "failures", SUM("ratingsUp") AS "ratingsUp", SUM("ratingsDown") AS "ratingsDown",
         SUM("inputTokens") AS "inputTokens", SUM("outputTokens") AS "outputTokens"
       FROM "BotActivity" WHERE ${bots.text} AND "slot" >= $${n + 1} AND "slot" < $${n + 2}
       GROUP BY 1, 2, 3, 4`,
      [...bots.params, start, end],
    ),
    sql(`SELECT "bucket", SUM("count") AS "count" FROM "BotLatency" WHERE ${bots.text} AND "day" >= $${n + 1} AND "day" <= $${n + 2} GROUP BY "bucket"`, [...bots.params, utc.from, utc.to]),
    sql(
      `SELECT "key", MIN("text") AS "text", SUM("count") AS "count" FROM "BotTopQuestion" WHERE ${bots.text} AND "day" >= $${n + 1} AND "day" <= $${n + 2}
       GROUP BY "key" ORDER BY 3 DESC, 1 LIMIT 10`,
      [...bots.params, utc.from, utc.to],
    ),
    sql(`SELECT COUNT(*) AS "n" FROM "BotVisitor" WHERE ${bots.text} AND "lastSeenAt" >= $${n + 1}`, [...bots.params, new Date(start * 15 * 60 * 1000)]),
  ]);

  const byDate = new Map(days.map((d) => [d.date, { date: d.date, ...zero() }]));
  const byChannel = new Map(CHANNELS.map((c) => [c, zero()]));
  const byModel = new Map<string, Totals & { provider: string; model: string }>();
  const totals = zero();
  for (const row of activity.rows) {
    const figures: Totals = {
      conversations: num(row.conversations),
      questions: num(row.questions),
      replies: num(row.replies),
      messages: num(row.questions) + num(row.replies),
      fallbacks: num(row.fallbacks),
      failures: num(row.failures),
      ratingsUp: num(row.ratingsUp),
      ratingsDown: num(row.ratingsDown),
      inputTokens: num(row.inputTokens),
      outputTokens: num(row.outputTokens),
    };
    const targets = [totals, byDate.get(epochDayDate(num(row.d))), byChannel.get(row.channel as Channel)];
    if (row.provider) {
      const key = `${row.provider}/${row.model}`;
      if (!byModel.has(key)) byModel.set(key, { provider: String(row.provider), model: String(row.model), ...zero() });
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

/** Visitors last seen before this many days are forgotten by the periodic cleanup: past every window. */
export const VISITOR_RETENTION_DAYS = 100;

/** The periodic cleanup's part: visitors not seen in any window any more. */
export async function forgetOldVisitors(now = new Date()) {
  const { count } = await sql(`DELETE FROM "BotVisitor" WHERE "lastSeenAt" < $1`, [new Date(now.getTime() - VISITOR_RETENTION_DAYS * 24 * 60 * 60 * 1000)]);
  return count;
}

