import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { sql } from "@/lib/db/direct";
import { enqueueJob, jobByKey } from "./queue";
import { registerJobHandler, startJobLoop } from "./worker";

// Workers in processes of their own (lib/testing/job-worker.ts), on this run's database: the
// PostgreSQL run is the one that matters for "never the same job twice across instances".

const WORKER = ["--conditions=react-server", "--import", "tsx", "lib/testing/job-worker.ts"];
const kinds: string[] = [];
const kindOf = (name: string) => {
  const kind = `test.worker.${name}.${Date.now()}`;
  kinds.push(kind);
  return kind;
};

afterAll(async () => {
  for (const kind of kinds) await sql(`DELETE FROM "Job" WHERE "kind" = $1`, [kind]);
});

it("runs each of 50 jobs exactly once with two worker processes claiming at once, four lanes each", async () => {
  const kind = kindOf("race");
  for (let n = 0; n < 50; n++) await enqueueJob(kind, { n });
  const workers = [0, 1].map(() => {
    const child = spawn(process.execPath, [...WORKER, "claim-all", kind, "4"], { env: process.env, stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const ready = new Promise<void>((resolve) => child.stdout.on("data", () => out.includes("ready") && resolve()));
    const done = new Promise<string>((resolve) => child.once("exit", () => resolve(out)));
    return { child, ready, done };
  });
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.child.stdin.end("go\n");
  const outputs = await Promise.all(workers.map((w) => w.done));
  const ran = outputs.map((stdout) => (JSON.parse(stdout.trim().split("\n").pop()!) as { ran: string[] }).ran);
  const all = ran.flat().map(Number);
  expect(all.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => n));
  // Both took part: they did claim at the same time.
  console.log(`jobs run per process: ${ran.map((r) => r.length).join(" + ")}`);
  expect(ran.every((r) => r.length > 0)).toBe(true);
  const { rows } = await sql(`SELECT COUNT(*) AS n FROM "Job" WHERE "kind" = $1`, [kind]);
  expect(Number(rows[0].n)).toBe(0);
}, 60_000);

it("finishes a job whose worker process was killed in the middle of it, once restarted", async () => {
  const kind = kindOf("killed");
  const key = `killed:${kind}`;
  const marker = path.join(mkdtempSync(path.join(tmpdir(), "cbf-jobs-")), "done.txt");
  await enqueueJob(kind, { ms: 1_500 }, { key });
  const start = () => spawn(process.execPath, [...WORKER, "slow", kind, "1000", marker], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });

  const first = start();
  await new Promise<void>((resolve, reject) => {
    first.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("started") && resolve());
    first.on("exit", () => reject(new Error("the worker ended before starting the job")));
  });
  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  const orphan = await jobByKey(key);
  expect(orphan).toMatchObject({ status: "running", attempts: 1 });
  expect(existsSync(marker)).toBe(false);

  // The restarted worker waits for the dead one's lease (1 s) to run out, then runs the job.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const second = start();
  const code = await new Promise((resolve) => second.once("exit", resolve));
  expect(code).toBe(0);
  expect(readFileSync(marker, "utf8").trim().split("\n")).toEqual([String(second.pid)]);
  expect(await jobByKey(key)).toBeNull();
}, 60_000);

it("the server's loop runs two jobs side by side (a long one holds up no other), starts new ones when woken, and gives its running job back when stopped", async () => {
  const kind = kindOf("loop");
  const events: string[] = [];
  let release: () => void = () => {};
  registerJobHandler(kind, {
    run: async (payload, { signal }) => {
      const { name } = payload as { name: string };
      events.push(`start ${name}`);
      if (name === "crawl") {
        await new Promise<void>((resolve, reject) => {
          release = resolve;
          signal.addEventListener("abort", () => reject(new Error("stopped")), { once: true });
        });
      }
      events.push(`end ${name}`);
    },
  });
  await enqueueJob(kind, { name: "crawl" }, { key: `${kind}:crawl` });
  const loop = startJobLoop({ pollMs: 60_000, lanes: 2, kinds: [kind] });
  try {
    await expect.poll(() => events, { timeout: 5_000 }).toContain("start crawl");
    // The other lane is napping for a minute; the request that queued a file wakes it.
    await enqueueJob(kind, { name: "file" }, { key: `${kind}:file` });
    loop.wake();
    await expect.poll(() => events, { timeout: 5_000 }).toContain("end file");
    expect(events).not.toContain("end crawl");
    expect(await jobByKey(`${kind}:file`)).toBeNull();
  } finally {
    await loop.stop();
  }
  release();
  expect(events).not.toContain("end crawl");
  expect(await jobByKey(`${kind}:crawl`)).toMatchObject({ status: "queued", attempts: 0, lockedBy: null });
}, 30_000);
