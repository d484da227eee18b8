import "server-only";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { after } from "next/server";
import { env } from "@/lib/env";
import { claimJob, completeJob, DEFAULT_LEASE_MS, failJob, heartbeatJob, releaseJob, type Job } from "./queue";

// Runs jobs: a registry of handlers by kind, runDueJobs() for a bounded time (the server's loop
// and the cron route both use it), the loop a long-running server starts, and kickJobs() for a
// request that just queued work.

export type JobContext = { signal: AbortSignal; attempt: number; maxAttempts: number; jobId: string };
export type JobHandler = {
  run(payload: unknown, context: JobContext): Promise<void>;
  /** Called once when the job ends `failed` (its attempts spent, or its worker died each time). */
  giveUp?(payload: unknown, error: string): Promise<void>;
};

const handlers = new Map<string, JobHandler>();
const periodicTasks = new Map<string, () => Promise<void>>();

export function registerJobHandler(kind: string, handler: JobHandler) {
  handlers.set(kind, handler);
}

/** Work the server's loop runs every minute and the cron route on every call (e.g. queueing scheduled re-syncs); must be safe to run twice at once. */
export function registerPeriodicTask(name: string, run: () => Promise<void>) {
  periodicTasks.set(name, run);
}

let loaded: Promise<unknown> | undefined;
/** The app's handlers, registered by ./handlers.ts (loaded late: it imports what the jobs do). */
const loadHandlers = () => (loaded ??= import("./handlers"));

export const newWorkerId = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export type RunOptions = {
  /** No job is started after this long. */
  budgetMs: number;
  /** A job still running this long after the start is stopped and given back (serverless: before the platform kills the function). */
  hardLimitMs?: number;
  leaseMs?: number;
  /** Jobs run side by side. */
  concurrency?: number;
  kinds?: string[];
  workerId?: string;
  /** Stops the run: running jobs are given back, no new one starts. */
  signal?: AbortSignal;
};

export type RunResult = { done: number; retried: number; failed: number; released: number };

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** Runs one claimed job with heartbeats; what became of it. */
export async function runJob(job: Job, workerId: string, options: { leaseMs?: number; signal?: AbortSignal } = {}): Promise<keyof RunResult> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const handler = handlers.get(job.kind);
  // Its worker died during every attempt (a crash, an out-of-memory kill): not again.
  if (job.attempts > job.maxAttempts) {
    const error = "lease_expired: the worker stopped during every attempt";
    await failJob(job, workerId, error);
    await handler?.giveUp?.(job.payload, error).catch((e) => console.error(`[jobs] ${job.kind} ${job.id}: giving up failed`, e));
    return "failed";
  }
  const controller = new AbortController();
  const stop = () => controller.abort(options.signal?.reason ?? "stopped");
  options.signal?.addEventListener("abort", stop, { once: true });
  if (options.signal?.aborted) stop();
  const heartbeat = setInterval(() => {
    heartbeatJob(job, workerId, leaseMs)
      .then((held) => held || controller.abort("lease_lost"))
      .catch((e) => console.error(`[jobs] heartbeat of ${job.id} failed`, e));
  }, Math.max(50, Math.floor(leaseMs / 3)));
  try {
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    await handler.run(job.payload, { signal: controller.signal, attempt: job.attempts, maxAttempts: job.maxAttempts, jobId: job.id });
    await completeJob(job, workerId);
    return "done";
  } catch (error) {
    if (options.signal?.aborted) {
      // Shutting down or out of time: not the job's fault, it goes back untouched.
      await releaseJob(job, workerId);
      return "released";
    }
    const message = describe(error);
    const outcome = await failJob(job, workerId, message);
    console.error(`[jobs] ${job.kind} ${job.id} attempt ${job.attempts}/${job.maxAttempts} failed (${outcome}):`, error);
    if (outcome === "failed") {
      await handler?.giveUp?.(job.payload, message).catch((e) => console.error(`[jobs] ${job.kind} ${job.id}: giving up failed`, e));
      return "failed";
    }
    return "retried";
  } finally {
    clearInterval(heartbeat);
    options.signal?.removeEventListener("abort", stop);
  }
}

/** Claims and runs due jobs until none is due or the budget is spent. */
export async function runDueJobs(options: RunOptions): Promise<RunResult> {
  await loadHandlers();
  const workerId = options.workerId ?? newWorkerId();
  const start = Date.now();
  const result: RunResult = { done: 0, retried: 0, failed: 0, released: 0 };
  const controller = new AbortController();
  const stop = () => controller.abort(options.signal?.reason ?? "stopped");
  options.signal?.addEventListener("abort", stop, { once: true });
  if (options.signal?.aborted) stop();
  const hardLimit = options.hardLimitMs ? setTimeout(() => controller.abort("out_of_time"), Math.max(0, options.hardLimitMs)) : undefined;
  const lane = async () => {
    while (!controller.signal.aborted && Date.now() - start < options.budgetMs) {
      const job = await claimJob(workerId, { leaseMs: options.leaseMs, kinds: options.kinds });
      if (!job) return;
      result[await runJob(job, workerId, { leaseMs: options.leaseMs, signal: controller.signal })]++;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, lane));
  } finally {
    clearTimeout(hardLimit);
    options.signal?.removeEventListener("abort", stop);
  }
  return result;
}

/** Runs every periodic task once; a failing one is logged and the others still run. */
export async function runPeriodicTasks(): Promise<void> {
  await loadHandlers();
  for (const [name, run] of periodicTasks) {
    try {
      await run();
    } catch (error) {
      console.error(`[jobs] periodic task ${name} failed`, error);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The loop of a long-running server

const PERIODIC_EVERY_MS = 60_000;
type Loop = { wake(): void; stop(): Promise<void> };
const globalForJobs = globalThis as unknown as { chatbotFactoryJobs?: Loop };

/** Whether this process should run a worker: not while building, not in tests, not on Vercel (no process stays up), not when JOBS_POLL_SECONDS is 0. */
export function workerWanted(): boolean {
  if (process.env.NEXT_PHASE === "phase-production-build" || process.env.VITEST || process.env.VERCEL || env().NODE_ENV === "test") return false;
  return env().JOBS_POLL_SECONDS > 0;
}

/** Jobs a server runs side by side: a long site crawl does not hold up an uploaded file. */
const SERVER_LANES = 2;

/**
 * The loop itself: `lanes` jobs side by side, each lane claiming the next due job as soon as it
 * is free and napping `pollMs` only when none is due; periodic tasks every minute.
 */
export function startJobLoop(options: { pollMs: number; lanes?: number; workerId?: string; kinds?: string[] }): Loop {
  const workerId = options.workerId ?? newWorkerId();
  const shutdown = new AbortController();
  const napping = { lanes: new Set<() => void>(), periodic: new Set<() => void>() };
  // Counts wakes, so a lane that was still looking when one came looks again instead of napping
  // through it (the wake found no napping lane to end).
  let wakes = 0;
  const nap = (ms: number, set: Set<() => void>) =>
    new Promise<void>((resolve) => {
      const done = () => (clearTimeout(timer), set.delete(done), resolve());
      const timer = setTimeout(done, ms);
      timer.unref();
      set.add(done);
    });
  const lane = async () => {
    while (!shutdown.signal.aborted) {
      try {
        await loadHandlers();
        const woken = wakes;
        const job = await claimJob(workerId, { kinds: options.kinds });
        if (job) {
          await runJob(job, workerId, { signal: shutdown.signal });
          continue;
        }
        if (wakes !== woken) continue;
      } catch (error) {
        console.error("[jobs] the worker loop failed; trying again", error);
      }
      if (!shutdown.signal.aborted) await nap(options.pollMs, napping.lanes);
    }
  };
  const periodic = async () => {
    while (!shutdown.signal.aborted) {
      await runPeriodicTasks().catch((error) => console.error("[jobs] periodic tasks failed", error));
      if (!shutdown.signal.aborted) await nap(PERIODIC_EVERY_MS, napping.periodic);
    }
  };
  const running = Promise.all([periodic(), ...Array.from({ length: options.lanes ?? SERVER_LANES }, lane)]);
  return {
    // Wakes the lanes, not the periodic tasks (they keep their own clock).
    wake: () => {
      wakes += 1;
      for (const done of napping.lanes) done();
    },
    stop: async () => {
      shutdown.abort("shutdown");
      for (const done of [...napping.lanes, ...napping.periodic]) done();
      await running;
    },
  };
}

/** Starts the server's job loop (once per process); on SIGTERM/SIGINT it stops, giving its running jobs back. */
export function startJobWorker(): Loop | null {
  if (globalForJobs.chatbotFactoryJobs) return globalForJobs.chatbotFactoryJobs;
  if (!workerWanted()) return null;
  const loop = startJobLoop({ pollMs: env().JOBS_POLL_SECONDS * 1000 });
  // Next closes its server on these and exits once requests are done: a job still running is
  // stopped and given back first (at most SHUTDOWN_GRACE_MS), so the next server starts it at
  // once instead of after its lease, without counting the attempt.
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => holdExitUntil(loop.stop(), SHUTDOWN_GRACE_MS));
  globalForJobs.chatbotFactoryJobs = loop;
  return loop;
}

const SHUTDOWN_GRACE_MS = 5_000;

/** Next calls process.exit() when its own shutdown is done; that exit waits for `done` (at most `maxMs`). */
function holdExitUntil(done: Promise<unknown>, maxMs: number) {
  const exit = process.exit.bind(process);
  let finished = false;
  void Promise.race([done.catch(() => {}), new Promise((resolve) => setTimeout(resolve, maxMs).unref())]).then(() => (finished = true));
  process.exit = ((code?: number | string | null) => {
    if (finished) return exit(code);
    const wait = setInterval(() => finished && (clearInterval(wait), exit(code)), 20);
    return undefined as never;
  }) as typeof process.exit;
}

/** Budget of the jobs a request starts after its response (serverless functions run ~60 s at most). */
const AFTER_BUDGET_MS = 40_000;

/**
 * After queueing work in a request: wakes this server's loop, or where there is none (serverless)
 * runs due jobs after the response has been sent; the cron route finishes what this leaves.
 */
export function kickJobs(): void {
  const loop = globalForJobs.chatbotFactoryJobs;
  if (loop) return loop.wake();
  try {
    after(() => runDueJobs({ budgetMs: AFTER_BUDGET_MS, hardLimitMs: AFTER_BUDGET_MS + 10_000 }).then(() => undefined));
  } catch {
    // Not in a request (a script, a test): the loop or the cron route runs it.
  }
}
