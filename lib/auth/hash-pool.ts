import "server-only";
import { Worker } from "node:worker_threads";

// bcrypt on worker threads. bcryptjs on the main thread made 32 concurrent logins stall every
// other request for seconds (each check is ~300 ms of CPU at cost 12). The worker is given as
// source, not as a file, so no bundler has to know about it; it loads bcryptjs from the
// project's node_modules (the directory `next start` runs in).
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createRequire } = require("node:module");
const path = require("node:path");
const bcrypt = createRequire(path.join(process.cwd(), "package.json"))("bcryptjs");
parentPort.on("message", (job) => {
  try {
    const result = job.op === "hash" ? bcrypt.hashSync(job.password, job.cost) : bcrypt.compareSync(job.password, job.hash);
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
});
`;

export type HashJob = { op: "hash"; password: string; cost: number } | { op: "compare"; password: string; hash: string };
type Queued = { job: HashJob; resolve: (value: string | boolean) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; current: Queued | null; started: number };

class HashPool {
  private slots: Slot[] = [];
  private waiting: Queued[] = [];
  /** A running estimate of one check's duration, for Retry-After. */
  private averageMs = 300;

  constructor(
    readonly threads: number,
    readonly maxWaiting: number,
  ) {
    for (let i = 0; i < threads; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    const slot: Slot = { worker, current: null, started: 0 };
    worker.on("message", (message: { result?: string | boolean; error?: string }) => {
      const done = slot.current;
      slot.current = null;
      this.averageMs = this.averageMs * 0.8 + (Date.now() - slot.started) * 0.2;
      if (done) {
        if (message.error !== undefined) done.reject(new Error(`password hashing failed: ${message.error}`));
        else done.resolve(message.result!);
      }
      this.next(slot);
    });
    let replaced = false;
    const replace = (error: Error) => {
      if (replaced) return;
      replaced = true;
      slot.current?.reject(error);
      slot.current = null;
      const index = this.slots.indexOf(slot);
      if (index >= 0) {
        this.slots[index] = this.spawn();
        this.next(this.slots[index]);
      }
    };
    worker.on("error", replace);
    worker.on("exit", (code) => replace(new Error(`password hashing thread exited (${code})`)));
    return slot;
  }

  private next(slot: Slot) {
    const queued = this.waiting.shift();
    if (!queued) {
      slot.worker.unref();
      return;
    }
    slot.current = queued;
    slot.started = Date.now();
    // Referenced while it works, so a script awaiting a hash is not ended under it.
    slot.worker.ref();
    slot.worker.postMessage(queued.job);
  }

  private enqueue(job: HashJob): Promise<string | boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      const idle = this.slots.find((s) => !s.current);
      if (idle) this.next(idle);
    });
  }

  /** The check's result, or — when more than maxWaiting checks already wait — the seconds to wait instead. */
  run(job: HashJob): Promise<string | boolean> | number {
    const idle = this.slots.some((s) => !s.current);
    if (!idle && this.waiting.length >= this.maxWaiting) return this.retryAfter();
    return this.enqueue(job);
  }

  /** Seconds until a check asked now would be done: the waiting ones shared by the threads, then its own, at the measured time of one check. */
  retryAfter(): number {
    return Math.max(1, Math.ceil(((this.waiting.length / this.threads + 1) * this.averageMs) / 1000));
  }

  /** A hash the server needs for itself (the dummy hash): never refused. */
  hashNow(password: string, cost: number): Promise<string> {
    return this.enqueue({ op: "hash", password, cost }) as Promise<string>;
  }

  /** Checks running or waiting now. */
  get load() {
    return this.waiting.length + this.slots.filter((s) => s.current).length;
  }
}

export type { HashPool };

// One pool per process: Next bundles route handlers and server actions separately, and a pool
// per bundle would multiply both the threads and the cap.
const processWide = globalThis as { chatbotFactoryHashPool?: HashPool };

export function hashPool(options: { threads: number; maxWaiting: number }): HashPool {
  return (processWide.chatbotFactoryHashPool ??= new HashPool(options.threads, options.maxWaiting));
}
