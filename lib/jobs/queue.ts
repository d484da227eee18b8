import "server-only";
import { randomUUID } from "node:crypto";
import { env, isPostgres } from "@/lib/env";
import { dateOf, sql } from "@/lib/db/direct";

// The jobs table as a queue, the same on SQLite and PostgreSQL: a job is claimed by one atomic
// UPDATE that takes a lease (lockedBy, lockedUntil), kept alive by heartbeats while it runs; a
// job whose lease ran out (its worker died) is claimed again. Done jobs are deleted; a job that
// failed maxAttempts times stays, `failed`, with its last error.
//
// A job with a key is unique while it exists. Enqueueing the key again while it is queued only
// updates it; while it runs, the row goes back to `queued` but keeps its lease, so nobody else
// takes it until the running worker finishes, which then frees it to run once more (the new
// request is never lost, and one key never runs twice at once).

export type Job = { id: string; kind: string; payload: unknown; key: string | null; attempts: number; maxAttempts: number };
export type EnqueueOptions = { key?: string; runAt?: Date; maxAttempts?: number };

export const DEFAULT_LEASE_MS = 60_000;
const BACKOFF_BASE_MS = 5_000;

/** The wait before attempt n + 1 after n failures: 5 s, 20 s, 80 s, 320 s… */
export const backoffMs = (failures: number) => BACKOFF_BASE_MS * 4 ** Math.max(0, failures - 1);

const cuidLike = () => `j${randomUUID().replace(/-/g, "")}`;

/** Adds a job (or, with a key that is pending, updates that one); its id. */
export async function enqueueJob(kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
  const now = new Date();
  const runAt = options.runAt ?? now;
  const body = JSON.stringify(payload ?? {});
  const maxAttempts = options.maxAttempts ?? 4;
  if (!options.key) {
    const id = cuidLike();
    await sql(
      `INSERT INTO "Job" ("id", "kind", "payload", "key", "status", "attempts", "maxAttempts", "runAt", "createdAt", "updatedAt") VALUES ($1, $2, $3, NULL, 'queued', 0, $4, $5, $6, $7)`,
      [id, kind, body, maxAttempts, runAt, now, now],
    );
    return id;
  }
  // Insert, or update the pending one; a job finishing between the two is retried.
  for (let tries = 0; tries < 5; tries++) {
    const id = cuidLike();
    const inserted = await sql(
      `INSERT INTO "Job" ("id", "kind", "payload", "key", "status", "attempts", "maxAttempts", "runAt", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, 'queued', 0, $5, $6, $7, $8) ON CONFLICT ("key") DO NOTHING`,
      [id, kind, body, options.key, maxAttempts, runAt, now, now],
    );
    if (inserted.count === 1) return id;
    // Queued: the earlier run time wins. Running: back to queued under its lease (see above).
    // Failed: a fresh start. All SET expressions read the row as it was.
    const updated = await sql(
      `UPDATE "Job" SET "kind" = $1, "payload" = $2, "maxAttempts" = $3,
        "runAt" = CASE WHEN "status" = 'queued' AND "runAt" <= $4 THEN "runAt" ELSE $5 END,
        "attempts" = CASE WHEN "status" = 'queued' THEN "attempts" ELSE 0 END,
        "lastError" = CASE WHEN "status" = 'failed' THEN NULL ELSE "lastError" END,
        "status" = 'queued', "updatedAt" = $6
       WHERE "key" = $7 RETURNING "id"`,
      [kind, body, maxAttempts, runAt, runAt, now, options.key],
    );
    if (updated.rows.length === 1) return String(updated.rows[0].id);
  }
  throw new Error(`could not enqueue job ${options.key}`);
}

// Claimable: queued and due with no live lease, or running with its lease run out.
const CLAIMABLE = `(("status" = 'queued' AND "runAt" <= $N AND ("lockedUntil" IS NULL OR "lockedUntil" < $N)) OR ("status" = 'running' AND "lockedUntil" < $N))`;

/** Takes the next due job for `workerId` with a lease of `leaseMs`, or null when none is due. */
export async function claimJob(workerId: string, options: { leaseMs?: number; kinds?: string[] } = {}): Promise<Job | null> {
  const now = new Date();
  const until = new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS));
  const params: unknown[] = [workerId, until, now];
  // Each placeholder is used once and in order (lib/db/direct.ts), so `now` is passed each time.
  const claimable = () => CLAIMABLE.replace(/\$N/g, () => (params.push(now), `$${params.length}`));
  const kinds = () => {
    if (!options.kinds) return "";
    if (!options.kinds.length) return " AND 1 = 0";
    return ` AND "kind" IN (${options.kinds.map((k) => (params.push(k), `$${params.length}`)).join(", ")})`;
  };
  const inner = claimable() + kinds();
  // PostgreSQL: concurrent claimers skip a row another one has locked instead of waiting for it
  // and then finding it taken. SQLite runs one write at a time.
  const lock = isPostgres(env().DATABASE_URL) ? " FOR UPDATE SKIP LOCKED" : "";
  const outer = claimable();
  const result = await sql(
    `UPDATE "Job" SET "status" = 'running', "lockedBy" = $1, "lockedUntil" = $2, "attempts" = "attempts" + 1, "updatedAt" = $3
     WHERE "id" = (SELECT "id" FROM "Job" WHERE ${inner} ORDER BY "runAt" LIMIT 1${lock}) AND ${outer}
     RETURNING "id", "kind", "payload", "key", "attempts", "maxAttempts"`,
    params,
  );
  const row = result.rows[0];
  if (!row) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(String(row.payload));
  } catch {
    payload = {};
  }
  return { id: String(row.id), kind: String(row.kind), payload, key: row.key == null ? null : String(row.key), attempts: Number(row.attempts), maxAttempts: Number(row.maxAttempts) };
}

/** Extends the lease of a job this worker holds; false when it no longer holds it. */
export async function heartbeatJob(job: Job, workerId: string, leaseMs = DEFAULT_LEASE_MS): Promise<boolean> {
  const result = await sql(`UPDATE "Job" SET "lockedUntil" = $1 WHERE "id" = $2 AND "lockedBy" = $3`, [new Date(Date.now() + leaseMs), job.id, workerId]);
  return result.count === 1;
}

/** The lease given up: a job enqueued again while it ran becomes free to claim. */
async function releaseRequeued(job: Job, workerId: string): Promise<void> {
  await sql(`UPDATE "Job" SET "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = $1 WHERE "id" = $2 AND "lockedBy" = $3 AND "status" = 'queued'`, [
    new Date(),
    job.id,
    workerId,
  ]);
}

/** Done: the row goes, unless it was enqueued again meanwhile (then it runs once more). */
export async function completeJob(job: Job, workerId: string): Promise<void> {
  const deleted = await sql(`DELETE FROM "Job" WHERE "id" = $1 AND "lockedBy" = $2 AND "status" = 'running'`, [job.id, workerId]);
  if (deleted.count === 0) await releaseRequeued(job, workerId);
}

/**
 * A failed attempt: again after the backoff, or `failed` with the error once maxAttempts are
 * spent. "retry" or "failed" says which (or "requeued" when it was enqueued again meanwhile;
 * "lost" when another worker holds it now).
 */
export async function failJob(job: Job, workerId: string, error: string): Promise<"retry" | "failed" | "requeued" | "lost"> {
  const now = new Date();
  const lastError = error.slice(0, 2000);
  if (job.attempts >= job.maxAttempts) {
    const r = await sql(
      `UPDATE "Job" SET "status" = 'failed', "lastError" = $1, "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = $2 WHERE "id" = $3 AND "lockedBy" = $4 AND "status" = 'running'`,
      [lastError, now, job.id, workerId],
    );
    if (r.count === 1) return "failed";
  } else {
    const r = await sql(
      `UPDATE "Job" SET "status" = 'queued', "lastError" = $1, "runAt" = $2, "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = $3 WHERE "id" = $4 AND "lockedBy" = $5 AND "status" = 'running'`,
      [lastError, new Date(now.getTime() + backoffMs(job.attempts)), now, job.id, workerId],
    );
    if (r.count === 1) return "retry";
  }
  const held = await sql(`SELECT "status" FROM "Job" WHERE "id" = $1 AND "lockedBy" = $2`, [job.id, workerId]);
  if (held.rows.length === 0) return "lost";
  await releaseRequeued(job, workerId);
  return "requeued";
}

/** Gives a job back without counting the attempt (the worker is shutting down): claimable at once. */
export async function releaseJob(job: Job, workerId: string): Promise<void> {
  const now = new Date();
  await sql(
    `UPDATE "Job" SET "status" = 'queued', "attempts" = CASE WHEN "attempts" > 0 THEN "attempts" - 1 ELSE 0 END, "runAt" = $1, "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = $2 WHERE "id" = $3 AND "lockedBy" = $4`,
    [now, now, job.id, workerId],
  );
}

/** A job's row as the tests and an operator see it. */
export async function jobByKey(key: string) {
  const { rows } = await sql(`SELECT "id", "kind", "status", "attempts", "maxAttempts", "runAt", "lockedBy", "lockedUntil", "lastError", "payload" FROM "Job" WHERE "key" = $1`, [key]);
  const row = rows[0];
  if (!row) return null;
  return {
    id: String(row.id),
    kind: String(row.kind),
    status: String(row.status) as "queued" | "running" | "failed",
    attempts: Number(row.attempts),
    maxAttempts: Number(row.maxAttempts),
    runAt: dateOf(row.runAt),
    lockedBy: row.lockedBy == null ? null : String(row.lockedBy),
    lockedUntil: row.lockedUntil == null ? null : dateOf(row.lockedUntil),
    lastError: row.lastError == null ? null : String(row.lastError),
    payload: JSON.parse(String(row.payload)) as unknown,
  };
}
