import { afterAll, describe, expect, it, vi } from "vitest";
import { sql } from "@/lib/db/direct";
import { backoffMs, claimJob, completeJob, enqueueJob, failJob, jobByKey } from "./queue";
import { registerJobHandler, runDueJobs } from "./worker";

// Each test uses job kinds of its own: the table is shared with the other test files.
const kind = (name: string) => `test.queue.${name}.${Date.now()}`;
const used: string[] = [];
const k = (name: string) => {
  const value = kind(name);
  used.push(value);
  return value;
};

afterAll(async () => {
  for (const value of used) await sql(`DELETE FROM "Job" WHERE "kind" = $1`, [value]);
});

/** Time passes for one job: its next attempt is due now. */
const dueNow = (key: string) => sql(`UPDATE "Job" SET "runAt" = $1 WHERE "key" = $2`, [new Date(Date.now() - 1000), key]);

describe("enqueueing", () => {
  it("keeps one job per key while it is pending, with the newest payload and the earliest time", async () => {
    const t = k("idem");
    const key = `idem:${t}`;
    const later = new Date(Date.now() + 60_000);
    const first = await enqueueJob(t, { v: 1 }, { key, runAt: later });
    const second = await enqueueJob(t, { v: 2 }, { key });
    await enqueueJob(t, { v: 3 }, { key, runAt: new Date(Date.now() + 3_600_000) });
    expect(second).toBe(first);
    const { rows } = await sql(`SELECT COUNT(*) AS n FROM "Job" WHERE "key" = $1`, [key]);
    expect(Number(rows[0].n)).toBe(1);
    const job = await jobByKey(key);
    expect(job).toMatchObject({ status: "queued", attempts: 0, payload: { v: 3 } });
    expect(job!.runAt.getTime()).toBeLessThanOrEqual(Date.now());
    // Many at once: still one.
    await Promise.all(Array.from({ length: 20 }, (_, i) => enqueueJob(t, { v: i }, { key: `${key}:burst` })));
    const burst = await sql(`SELECT COUNT(*) AS n FROM "Job" WHERE "key" = $1`, [`${key}:burst`]);
    expect(Number(burst.rows[0].n)).toBe(1);
  });

  it("does not lose a request made while the job runs: it runs once more afterwards, never twice at once", async () => {
    const t = k("rerun");
    const key = `rerun:${t}`;
    await enqueueJob(t, { v: 1 }, { key });
    const running = await claimJob("worker-a", { kinds: [t] });
    expect(running).toMatchObject({ payload: { v: 1 }, attempts: 1 });
    await enqueueJob(t, { v: 2 }, { key });
    // Requested again but still held by worker A: nobody else takes it.
    expect(await claimJob("worker-b", { kinds: [t] })).toBeNull();
    await completeJob(running!, "worker-a");
    const again = await claimJob("worker-b", { kinds: [t] });
    expect(again).toMatchObject({ id: running!.id, payload: { v: 2 } });
    await completeJob(again!, "worker-b");
    expect(await jobByKey(key)).toBeNull();
  });

  it("starts a failed job afresh when it is enqueued again", async () => {
    const t = k("refail");
    const key = `refail:${t}`;
    await enqueueJob(t, {}, { key, maxAttempts: 1 });
    const job = await claimJob("w", { kinds: [t] });
    expect(await failJob(job!, "w", "broken")).toBe("failed");
    expect(await jobByKey(key)).toMatchObject({ status: "failed", lastError: "broken", attempts: 1 });
    await enqueueJob(t, {}, { key });
    expect(await jobByKey(key)).toMatchObject({ status: "queued", lastError: null, attempts: 0 });
  });
});

describe("retries", () => {
  it("waits 5 s, then 20 s between attempts, and ends a poisoned job `failed` with its error after its attempts", async () => {
    const t = k("poison");
    const key = `poison:${t}`;
    const gaveUp: unknown[] = [];
    let runs = 0;
    registerJobHandler(t, {
      run: async () => {
        runs++;
        throw new Error(`poisoned ${runs}`);
      },
      giveUp: async (payload, error) => void gaveUp.push([payload, error]),
    });
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect([1, 2, 3].map(backoffMs)).toEqual([5_000, 20_000, 80_000]);
    await enqueueJob(t, { file: "bad" }, { key, maxAttempts: 3 });

    let before = Date.now();
    expect(await runDueJobs({ budgetMs: 5_000, kinds: [t] })).toMatchObject({ retried: 1, done: 0 });
    let job = await jobByKey(key);
    expect(job).toMatchObject({ status: "queued", attempts: 1, lastError: "Error: poisoned 1", lockedBy: null });
    expect(job!.runAt.getTime() - before).toBeGreaterThanOrEqual(5_000 - 50);
    expect(job!.runAt.getTime() - Date.now()).toBeLessThanOrEqual(5_000);
    // Not due yet: nothing runs.
    expect(await runDueJobs({ budgetMs: 5_000, kinds: [t] })).toMatchObject({ retried: 0, done: 0, failed: 0 });

    await dueNow(key);
    before = Date.now();
    await runDueJobs({ budgetMs: 5_000, kinds: [t] });
    job = await jobByKey(key);
    expect(job).toMatchObject({ status: "queued", attempts: 2 });
    expect(job!.runAt.getTime() - before).toBeGreaterThanOrEqual(20_000 - 50);

    await dueNow(key);
    expect(await runDueJobs({ budgetMs: 5_000, kinds: [t] })).toMatchObject({ failed: 1 });
    expect(await jobByKey(key)).toMatchObject({ status: "failed", attempts: 3, lastError: "Error: poisoned 3", lockedBy: null });
    expect(gaveUp).toEqual([[{ file: "bad" }, "Error: poisoned 3"]]);
    // Failed stays failed.
    await dueNow(key);
    expect(await runDueJobs({ budgetMs: 5_000, kinds: [t] })).toMatchObject({ failed: 0, retried: 0 });
    expect(runs).toBe(3);
    vi.restoreAllMocks();
  });
});

describe("leases", () => {
  it("gives a job whose worker stopped answering to another worker once its lease runs out", async () => {
    const t = k("lease");
    const key = `lease:${t}`;
    await enqueueJob(t, {}, { key });
    const first = await claimJob("dead-worker", { leaseMs: 200, kinds: [t] });
    expect(first).not.toBeNull();
    expect(await claimJob("live-worker", { kinds: [t] })).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    const second = await claimJob("live-worker", { kinds: [t] });
    expect(second).toMatchObject({ id: first!.id, attempts: 2 });
    // The dead worker's late word changes nothing; the live one finishes it.
    await completeJob(first!, "dead-worker");
    expect(await jobByKey(key)).toMatchObject({ status: "running", lockedBy: "live-worker" });
    await completeJob(second!, "live-worker");
    expect(await jobByKey(key)).toBeNull();
  });

  it("ends `failed` a job whose worker died during every attempt", async () => {
    const t = k("crashy");
    const key = `crashy:${t}`;
    const gaveUp: string[] = [];
    registerJobHandler(t, { run: async () => {}, giveUp: async (_p, error) => void gaveUp.push(error) });
    await enqueueJob(t, {}, { key, maxAttempts: 1 });
    expect(await claimJob("crashing-worker", { leaseMs: 1, kinds: [t] })).not.toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(await runDueJobs({ budgetMs: 5_000, kinds: [t] })).toMatchObject({ failed: 1, done: 0 });
    expect(await jobByKey(key)).toMatchObject({ status: "failed", attempts: 2 });
    expect(gaveUp).toEqual([expect.stringMatching(/^lease_expired/)]);
  });

  it("keeps the lease of a long job alive with heartbeats", async () => {
    const t = k("long");
    const key = `long:${t}`;
    let stolen: unknown = "not tried";
    registerJobHandler(t, {
      run: async () => {
        await new Promise((r) => setTimeout(r, 450));
        stolen = await claimJob("thief", { kinds: [t] });
      },
    });
    await enqueueJob(t, {}, { key });
    expect(await runDueJobs({ budgetMs: 5_000, leaseMs: 150, kinds: [t] })).toMatchObject({ done: 1 });
    expect(stolen).toBeNull();
    expect(await jobByKey(key)).toBeNull();
  });

  it("gives a running job back, its attempt uncounted, when the run is stopped (shutdown) or out of time", async () => {
    const t = k("stopped");
    const key = `stopped:${t}`;
    registerJobHandler(t, {
      run: (_payload, { signal }) => new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(new Error("stopped")), { once: true })),
    });
    await enqueueJob(t, {}, { key });
    const shutdown = new AbortController();
    const run = runDueJobs({ budgetMs: 5_000, kinds: [t], signal: shutdown.signal });
    await new Promise((r) => setTimeout(r, 200));
    expect(await jobByKey(key)).toMatchObject({ status: "running", attempts: 1 });
    shutdown.abort();
    expect(await run).toMatchObject({ released: 1, retried: 0 });
    expect(await jobByKey(key)).toMatchObject({ status: "queued", attempts: 0, lockedBy: null });
    expect(await runDueJobs({ budgetMs: 5_000, hardLimitMs: 200, kinds: [t] })).toMatchObject({ released: 1 });
    const job = await jobByKey(key);
    expect(job).toMatchObject({ status: "queued", attempts: 0 });
    expect(job!.runAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});
