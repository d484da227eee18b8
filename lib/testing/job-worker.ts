// A worker process of the jobs tests (lib/jobs/worker.test.ts), with the app's job code:
//   claim-all <kind> <lanes>          runs every due job of <kind>, printing the ids it ran
//   slow <kind> <leaseMs> <marker>    runs due jobs of <kind>, each sleeping payload.ms, then
//                                     appending this pid to <marker>; prints "started <id>"
import { appendFileSync } from "node:fs";
import { registerJobHandler, runDueJobs } from "@/lib/jobs/worker";

const [mode, kind, arg, marker] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  if (mode === "claim-all") {
    const ran: string[] = [];
    registerJobHandler(kind, {
      run: async (payload) => {
        ran.push(String((payload as { n: number }).n));
        await sleep(Math.random() * 5);
      },
    });
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
