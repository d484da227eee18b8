import "server-only";
import { AppError } from "@/lib/errors";
import { BOT_TEST_LIMITS, type BotTestData } from "@/lib/validation/bot-tests";
import { db } from "./client";
import { ownBot, ownBotChild, requireActorId, type Actor } from "./scopes";
import { quotaDay } from "./usage";

// Saved test questions and their latest run (lib/chat/test-run.ts runs them). A run stores its
// replies here, never as conversations or messages: nothing of it reaches conversations,
// analytics or unanswered questions.

const testFields = { id: true, question: true, expected: true, mustNotContain: true, mustUseSource: true, createdAt: true } as const;

/** Only the fields a form may set. */
const writable = (input: BotTestData) => ({ question: input.question, expected: input.expected, mustNotContain: input.mustNotContain, mustUseSource: input.mustUseSource });

/** One of the actor's tests of one of their bots. */
const ownTest = (actor: Actor, botId: string, testId: string) => ({ ...ownBotChild(actor, testId), chatbotId: botId });

async function requireBot(actor: Actor, botId: string) {
  const bot = await db.chatbot.findFirst({ where: ownBot(actor, botId), select: { id: true } });
  if (!bot) throw new AppError("not_found");
}

/** The bot's saved tests, oldest first (the order a run asks them in). */
export async function listTests(actor: Actor, botId: string) {
  await requireBot(actor, botId);
  return db.botTest.findMany({ where: { chatbotId: botId }, select: testFields, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

export type SavedTest = Awaited<ReturnType<typeof listTests>>[number];

/** Adds a test; at most BOT_TEST_LIMITS.perBot a bot. */
export async function addTest(actor: Actor, botId: string, input: BotTestData) {
  const createdById = requireActorId(actor);
  return db.$transaction(async (tx) => {
    if (!(await tx.chatbot.findFirst({ where: ownBot(actor, botId), select: { id: true } }))) throw new AppError("not_found");
    if ((await tx.botTest.count({ where: { chatbotId: botId } })) >= BOT_TEST_LIMITS.perBot) throw new AppError("tests_full");
    return tx.botTest.create({ data: { ...writable(input), chatbotId: botId, createdById }, select: testFields });
  });
}

/** Edits a test; a change to what it checks drops its stored result, which answered the old test. */
export async function updateTest(actor: Actor, botId: string, testId: string, input: BotTestData) {
  const data = writable(input);
  await db.$transaction(async (tx) => {
    const before = await tx.botTest.findFirst({ where: ownTest(actor, botId, testId), select: { question: true, expected: true, mustNotContain: true, mustUseSource: true } });
    if (!before) throw new AppError("not_found");
    if (Object.entries(data).every(([field, value]) => before[field as keyof typeof before] === value)) return;
    await tx.botTest.update({ where: { id: testId }, data });
    await tx.botTestResult.deleteMany({ where: { testId } });
  });
}

export async function deleteTest(actor: Actor, botId: string, testId: string) {
  const { count } = await db.botTest.deleteMany({ where: ownTest(actor, botId, testId) });
  if (count === 0) throw new AppError("not_found");
}

/** What a test may require the reply to cite: the bot's Q&A entries and knowledge sources. */
export async function testSourceOptions(actor: Actor, botId: string) {
  await requireBot(actor, botId);
  const [entries, sources] = await Promise.all([
    db.knowledgeEntry.findMany({ where: { chatbotId: botId }, select: { id: true, question: true }, orderBy: { position: "asc" } }),
    db.knowledgeSource.findMany({ where: { chatbotId: botId }, select: { id: true, name: true, kind: true }, orderBy: { createdAt: "asc" } }),
  ]);
  return { entries, sources };
}

/** The source a test requires, as a reply's sources name it (kind and name); null when it no longer exists. */
export async function requiredSources(botId: string, refs: string[]) {
  const ids = (prefix: string) => refs.filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
  const [entries, sources] = await Promise.all([
    db.knowledgeEntry.findMany({ where: { chatbotId: botId, id: { in: ids("qa:") } }, select: { id: true, question: true } }),
    db.knowledgeSource.findMany({ where: { chatbotId: botId, id: { in: ids("source:") } }, select: { id: true, name: true, kind: true } }),
  ]);
  return new Map<string, { kind: string; name: string }>([
    ...entries.map((e) => [`qa:${e.id}`, { kind: "qa", name: e.question }] as const),
    ...sources.map((s) => [`source:${s.id}`, { kind: s.kind, name: s.name }] as const),
  ]);
}

/** What a run tests: the draft (the latest version: every behavioural save writes one), the published version and the knowledge. */
export async function runSubject(actor: Actor, botId: string) {
  const bot = await db.chatbot.findFirst({ where: ownBot(actor, botId), select: { publishedVersion: true, knowledgeVersion: true, versions: { select: { number: true }, orderBy: { number: "desc" }, take: 1 } } });
  if (!bot) throw new AppError("not_found");
  return { draftVersion: bot.versions[0]?.number ?? null, publishedVersion: bot.publishedVersion, knowledgeVersion: bot.knowledgeVersion };
}

/** A run still "running" after this long ended with its server (a crash, a deploy): it no longer holds the bot. */
export const RUN_STALE_MS = 15 * 60 * 1000;

/**
 * Starts a run, replacing the bot's earlier ones (only the latest is kept); refused while another
 * run of the bot is going on (a second tab would cut the first off half-way).
 */
export async function startRun(actor: Actor, botId: string, total: number, now = new Date()) {
  const subject = await runSubject(actor, botId);
  return db.$transaction(async (tx) => {
    const running = await tx.botTestRun.findFirst({ where: { chatbotId: botId, status: "running", startedAt: { gt: new Date(now.getTime() - RUN_STALE_MS) } }, select: { id: true } });
    if (running) throw new AppError("tests_running");
    await tx.botTestRun.deleteMany({ where: { chatbotId: botId, chatbot: ownBot(actor, botId) } });
    return tx.botTestRun.create({ data: { chatbotId: botId, total, ...subject }, select: { id: true } });
  });
}

export type SideResult = { reply: string; pass: boolean; failures: string[]; ms: number };

/** One question's answers; the run is the caller's own (startRun made it). */
export async function saveResult(runId: string, testId: string, position: number, draft: SideResult, published: SideResult) {
  await db.botTestResult.create({
    data: {
      runId,
      testId,
      position,
      draftReply: draft.reply,
      draftPass: draft.pass,
      draftFailures: draft.failures.join(","),
      draftMs: draft.ms,
      publishedReply: published.reply,
      publishedPass: published.pass,
      publishedFailures: published.failures.join(","),
      publishedMs: published.ms,
    },
  });
}

export async function finishRun(runId: string, status: "done" | "cancelled" | "failed", errorCode: string | null = null) {
  await db.botTestRun.updateMany({ where: { id: runId }, data: { status, errorCode, finishedAt: new Date() } });
}

/** The bot's latest run with its results in the order asked, and whether it still tests the current draft and published version. */
export async function latestRun(actor: Actor, botId: string) {
  const [run, subject] = await Promise.all([
    db.botTestRun.findFirst({
      where: { chatbotId: botId, chatbot: ownBot(actor, botId) },
      orderBy: { startedAt: "desc" },
      select: {
        id: true,
        status: true,
        errorCode: true,
        total: true,
        startedAt: true,
        draftVersion: true,
        publishedVersion: true,
        knowledgeVersion: true,
        results: { orderBy: { position: "asc" }, select: { testId: true, draftReply: true, draftPass: true, draftFailures: true, draftMs: true, publishedReply: true, publishedPass: true, publishedFailures: true, publishedMs: true } },
      },
    }),
    runSubject(actor, botId),
  ]);
  if (!run) return null;
  // A run still "running" past the stale age ended with its server: it says so rather than look half done.
  const interrupted = run.status === "running" && run.startedAt.getTime() < Date.now() - RUN_STALE_MS;
  const current = run.draftVersion === subject.draftVersion && run.publishedVersion === subject.publishedVersion && run.knowledgeVersion === subject.knowledgeVersion;
  return { ...run, status: interrupted ? ("interrupted" as const) : run.status, current };
}

/**
 * The saved tests that pass on the published version and fail on the draft in the latest finished
 * run of the current draft (same draft, published version and knowledge); none without such a run.
 * A test edited since the run is left out: its result answered another expectation.
 */
export async function newlyFailing(actor: Actor, botId: string) {
  const run = await latestRun(actor, botId);
  if (!run || !run.current || run.status !== "done") return [];
  const failing = new Set(run.results.filter((r) => r.publishedPass && !r.draftPass).map((r) => r.testId));
  if (!failing.size) return [];
  return db.botTest.findMany({
    where: { chatbotId: botId, id: { in: [...failing] }, updatedAt: { lte: run.startedAt } },
    select: { id: true, question: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** Whether the bot's daily quota is spent today: an LLM run is refused then, as the playground is. */
export async function quotaSpent(botId: string, quota: number) {
  const today = await db.botDailyUsage.findUnique({ where: { chatbotId_day: { chatbotId: botId, day: quotaDay().day } }, select: { visitorMessages: true } });
  return (today?.visitorMessages ?? 0) >= quota;
}
