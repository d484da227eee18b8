// A worker process of the jobs tests (lib/jobs/worker.test.ts), with the app's job code:
//   claim-all <kind> <lanes>          prints "ready", waits for a line on stdin (so that both
//                                     processes start together), runs every due job of <kind>,
//                                     printing the ids it ran
//   slow <kind> <leaseMs> <marker>    runs due jobs of <kind>, each sleeping payload.ms, then
//                                     appending this pid to <marker>; prints "started <id>"
import { appendFileSync } from "node:fs";
import { once } from "node:events";
import { sql } from "@/lib/db/direct";
import { registerJobHandler, runDueJobs } from "@/lib/jobs/worker";

const [mode, kind, arg, marker] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  if (mode === "claim-all") {
    const ran: string[] = [];
    registerJobHandler(kind, {
      run: async (payload) => {
        ran.push(String((payload as { n: number }).n));
        await sleep(5 + Math.random() * 20);
      },
    });
    // Everything loaded and connected before the start signal.
    await import("@/lib/jobs/handlers");
    await sql(`SELECT 1`);
    console.log("ready");
    await once(process.stdin, "data");
    await runDueJobs({ budgetMs: 30_000, concurrency: Number(arg), kinds: [kind] });
    console.log(JSON.stringify({ ran }));
  } else if (mode === "slow") {
    registerJobHandler(kind, {
      run: async (payload, { jobId }) => {
        console.log(`started ${jobId}`);
        await sleep((payload as { ms: number }).ms);
        appendFileSync(marker, `${process.pid}\n`);
      },
    });
    await runDueJobs({ budgetMs: 20_000, leaseMs: Number(arg), kinds: [kind] });
    console.log("idle");
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
