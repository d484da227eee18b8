import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { problem } from "@/lib/http/problem";
import { runDueJobs, runPeriodicTasks } from "@/lib/jobs/worker";
import { logRequestError } from "@/lib/ops/log";

// Called by a scheduler (vercel.json's cron, or any cron with curl): queues the scheduled
// re-syncs, then runs due jobs for up to BUDGET_MS. Safe to call twice at once: a re-sync is
// claimed by moving its time on, and each job by a lease.

const BUDGET_MS = 50_000;
export const maxDuration = 60;
export const dynamic = "force-dynamic";

function authorized(request: Request): boolean {
  const secret = env().CRON_SECRET;
  const header = request.headers.get("authorization") ?? "";
  if (!secret || !header.startsWith("Bearer ")) return false;
  const given = Buffer.from(header.slice("Bearer ".length));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function run(request: Request): Promise<Response> {
  if (!authorized(request)) return problem("unauthenticated");
  try {
    await runPeriodicTasks();
    // Jobs still running near the function's limit are given back for the next call.
    const result = await runDueJobs({ budgetMs: BUDGET_MS, hardLimitMs: (maxDuration - 5) * 1000 });
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    logRequestError("cron.failed", error);
    return problem("server_error");
  }
}

export const GET = run;
export const POST = run;
