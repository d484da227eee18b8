// Runs once when a server starts (npm start, next start, the standalone server.js, next dev),
// before it takes requests.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { stampSocketAddresses } = await import("./lib/security/socket-address");
    stampSocketAddresses();
    // The background jobs' loop (indexing knowledge sources); not while building, in tests, or
    // with JOBS_POLL_SECONDS=0 (serverless: after() and /api/cron run the jobs instead).
    const { startJobWorker } = await import("./lib/jobs/worker");
    startJobWorker();
  }
}
