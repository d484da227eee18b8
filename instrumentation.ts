// Runs once when a server starts (npm start, next start, the standalone server.js, next dev),
// before it takes requests.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    // A bad variable or a database that cannot work here: one sentence and exit 1, not an error on every request.
    const { startProblem } = await import("./lib/ops/start-check");
    const problem = await startProblem();
    if (problem) {
      console.error(`The server did not start. ${problem}`);
      process.exit(1);
    }
    const { stampSocketAddresses } = await import("./lib/security/socket-address");
    stampSocketAddresses();
    // The background jobs' loop (indexing knowledge sources); not in tests, or
    // with JOBS_POLL_SECONDS=0 (serverless: after() and /api/cron run the jobs instead).
    const { startJobWorker } = await import("./lib/jobs/worker");
    startJobWorker();
  }
}

// An error no handler caught (a page, a route, an action): one line with the request's id (lib/ops/log.ts).
export async function onRequestError(error: unknown, request: { path: string; method: string; headers: Record<string, string | string[] | undefined> }, context: { routePath: string; routeType: string }) {
  const { describeError, log } = await import("./lib/ops/log");
  const id = request.headers["x-request-id"];
  log("error", "request.uncaught", { requestId: Array.isArray(id) ? id[0] : id, method: request.method, path: request.path.split("?")[0], route: context.routePath, type: context.routeType, ...describeError(error) });
}
