import "server-only";
import { getTranslations } from "next-intl/server";
import { AiError } from "@/lib/ai";
import { findBotForChat, type ChatTarget } from "@/lib/db/chatbots";
import { finishRun, listTests, quotaSpent, requiredSources, saveResult, startRun, type SavedTest, type SideResult } from "@/lib/db/bot-tests";
import type { Actor } from "@/lib/db/scopes";
import { AppError, type ErrorCode } from "@/lib/errors";
import { logRequestError } from "@/lib/ops/log";
import { takeChatMessage } from "@/lib/security/limits";
import { askBot } from "./pipeline";
import type { ChatSource } from "./wire";

// Saved test questions, asked of the draft and of the published version side by side. Each
// question is asked alone (no conversation), through the same request and provider as a chat
// (askBot), and nothing is stored as a conversation or message, nor counted in the bot's usage.

/** Why a reply failed its test; shown translated (tests.failure_<code>). */
export const TEST_FAILURES = ["reply_failed", "expected_missing", "forbidden_present", "source_unused", "source_missing"] as const;
export type TestFailure = (typeof TEST_FAILURES)[number];

export type Answer = { text: string; sources: ChatSource[]; errorCode: ErrorCode | null; ms: number; aborted: boolean };

/** Compared as a reader would: case, Unicode forms and runs of whitespace (a line break in Markdown) do not matter. */
const normal = (text: string) => text.normalize("NFKC").toLocaleLowerCase().replace(/\s+/g, " ").trim();

/**
 * What a reply got wrong against its test: contains `expected`, lacks `mustNotContain`, and cites
 * the required Q&A entry or source (`required`: its kind and name as a reply names it; null when
 * it no longer exists).
 */
export function evaluate(test: Pick<SavedTest, "expected" | "mustNotContain" | "mustUseSource">, answer: Pick<Answer, "text" | "sources" | "errorCode">, required: { kind: string; name: string } | null): TestFailure[] {
  const failures: TestFailure[] = [];
  const text = normal(answer.text);
  if (answer.errorCode) failures.push("reply_failed");
  if (test.expected && !text.includes(normal(test.expected))) failures.push("expected_missing");
  if (test.mustNotContain && text.includes(normal(test.mustNotContain))) failures.push("forbidden_present");
  if (test.mustUseSource) {
    if (!required) failures.push("source_missing");
    else if (!answer.sources.some((s) => s.kind === required.kind && s.name === required.name)) failures.push("source_unused");
  }
  return failures;
}

/** One question asked of one version of the bot, stored nowhere: the reply, its sources and how long it took. */
export async function answerQuestion(bot: ChatTarget, question: string, signal?: AbortSignal, defaultFallback?: string): Promise<Answer> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let text = "";
  let errorCode: ErrorCode | null = null;
  let aborted = false;
  const asked = await askBot(bot, [{ role: "user", content: question }], signal, defaultFallback);
  if (!asked) return { text, sources: [], errorCode: "provider_not_configured", ms: ms(), aborted };
  try {
    for await (const event of asked.reply) {
      if (event.type === "text") text += event.text;
      else aborted = event.finishReason === "aborted";
    }
  } catch (error) {
    errorCode = error instanceof AiError ? error.code : "server_error";
    if (!(error instanceof AiError)) logRequestError("tests.reply_failed", error);
  }
  return { text, sources: text ? asked.sources(text) : [], errorCode, ms: ms(), aborted: aborted || !!signal?.aborted };
}

export type TestResult = { testId: string; draft: SideResult; published: SideResult };
export type TestRunEvent =
  | { type: "start"; runId: string; total: number }
  | { type: "result"; index: number; result: TestResult }
  | { type: "end"; status: "done" | "cancelled" | "failed"; errorCode?: ErrorCode };

/** The settings a reply depends on: equal ones answer alike, so the published side reuses the draft's answer. */
const sameBehaviour = (a: ChatTarget, b: ChatTarget) =>
  a.provider === b.provider && a.model === b.model && a.systemPrompt === b.systemPrompt && a.temperature === b.temperature && a.maxOutputTokens === b.maxOutputTokens && a.fallbackMessage === b.fallbackMessage;

/**
 * Runs the owner's saved tests of a bot against its draft and its published version, one question
 * at a time, yielding each result as it is known (the progress). Built-in bots answer at once and
 * spend nothing; an LLM bot's every provider call takes one of the owner's chat messages (the
 * playground's rate limit), and a run is refused when the bot's daily quota is spent. Stops at the
 * next question when `signal` aborts or the reader leaves; the run keeps what was answered.
 * Refusals before the run starts are thrown (AppError).
 */
export async function* runBotTests(actor: Actor, botId: string, signal?: AbortSignal): AsyncGenerator<TestRunEvent> {
  const tests = await listTests(actor, botId);
  if (!tests.length) throw new AppError("tests_none");
  const owner = { kind: "owner" as const, id: actor.id };
  const [draft, published] = await Promise.all([findBotForChat(owner, botId, "draft"), findBotForChat(owner, botId, "published")]);
  if (!draft || !published) throw new AppError("not_found");
  if (!draft.isActive) throw new AppError("bot_inactive");
  const counted = (bot: ChatTarget) => bot.provider !== "builtin";
  if ((counted(draft) || counted(published)) && draft.dailyMessageQuota !== null && (await quotaSpent(botId, draft.dailyMessageQuota))) throw new AppError("quota_exceeded");
  const reuse = sameBehaviour(draft, published);
  const required = await requiredSources(botId, tests.map((t) => t.mustUseSource).filter(Boolean));
  // Read now, in the request: the questions are answered as the response streams, after it.
  const defaultFallback = (await getTranslations("chat"))("default_fallback");

  const run = await startRun(actor, botId, tests.length);
  let status: "done" | "cancelled" | "failed" = "cancelled";
  let errorCode: ErrorCode | undefined;
  /** One side's answer, or a reason to stop the run. */
  const ask = async (bot: ChatTarget, test: SavedTest): Promise<SideResult | "stop"> => {
    if (counted(bot)) {
      const wait = await takeChatMessage(actor.id);
      if (wait) {
        [status, errorCode] = ["failed", "too_many_requests"];
        return "stop";
      }
    }
    const answer = await answerQuestion(bot, test.question, signal, defaultFallback);
    if (answer.aborted) return "stop";
    const failures = evaluate(test, answer, required.get(test.mustUseSource) ?? null);
    return { reply: answer.errorCode && !answer.text ? "" : answer.text, pass: failures.length === 0, failures, ms: answer.ms };
  };

  try {
    yield { type: "start", runId: run.id, total: tests.length };
    for (const [index, test] of tests.entries()) {
      if (signal?.aborted) break;
      const onDraft = await ask(draft, test);
      if (onDraft === "stop") break;
      const onPublished = reuse ? onDraft : await ask(published, test);
      if (onPublished === "stop") break;
      await saveResult(run.id, test.id, index, onDraft, onPublished);
      yield { type: "result", index, result: { testId: test.id, draft: onDraft, published: onPublished } };
      if (index === tests.length - 1) status = "done";
    }
  } catch (error) {
    [status, errorCode] = ["failed", "server_error"];
    logRequestError("tests.run_failed", error);
  } finally {
    // Also when the reader left half-way (the generator is closed): the run says it was cancelled.
    await finishRun(run.id, status, errorCode ?? null).catch((error) => logRequestError("tests.finish_failed", error));
  }
  yield { type: "end", status, ...(errorCode ? { errorCode } : {}) };
}
