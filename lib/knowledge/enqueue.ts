import "server-only";
import { db } from "@/lib/db/client";

// Stand-in until the jobs branch (lib/jobs, lib/knowledge/ingest.ts) is merged: the same
// contract, a `knowledge.index` job per source keyed `index:<sourceId>`, written as a Job row
// for the worker to pick up. Enqueueing a source that already has a pending job changes nothing;
// one whose job failed for good is queued afresh.

export async function enqueueIndex(sourceId: string): Promise<void> {
  const key = `index:${sourceId}`;
  await db.job.upsert({
    where: { key },
    create: { kind: "knowledge.index", payload: JSON.stringify({ sourceId }), key },
    update: {},
  });
  await db.job.updateMany({ where: { key, status: "failed" }, data: { status: "queued", attempts: 0, runAt: new Date(), lastError: null, lockedBy: null, lockedUntil: null } });
}
