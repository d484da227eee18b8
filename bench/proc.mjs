// What the benchmarks share: the production build, a server and every process it started (its
// figures read from Linux /proc), and timing a streamed response.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";

/** Builds the app unless a production build is there. */
export function buildIfNeeded() {
  if (existsSync(".next/BUILD_ID")) return;
  process.stderr.write("Building the app first…\n");
  execFileSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

/**
 * Sends a request and reads its streamed body: ms to the first chunk `isToken` accepts (the text
 * so far) and to the end, and the text. Throws on an error status or a chat error event.
 */
export async function timedStream(url, init, isToken) {
  const started = performance.now();
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let first = null;
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
    if (first === null && isToken(text)) first = performance.now() - started;
  }
  if (text.includes('"type":"error"')) throw new Error(`stream failed: ${text.slice(-200)}`);
  return { ttft: first, total: performance.now() - started, text };
}

const USER_HZ = 100;

/** Adds up what `measure(pid)` says for the process and all its descendants. */
function overTree(rootPid, measure) {
  const procs = new Map();
  for (const entry of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const pid = Number(entry);
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      procs.set(pid, { ppid: Number(fields[1]), value: measure(pid, fields) });
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop();
    total += procs.get(pid)?.value ?? 0;
    for (const [child, p] of procs) if (p.ppid === pid) queue.push(child);
  }
  return total;
}

/** CPU seconds used so far (user + system). */
export const cpuSeconds = (rootPid) => overTree(rootPid, (_, fields) => (Number(fields[11]) + Number(fields[12])) / USER_HZ);

/** Resident memory in MB. */
export const rssMb = (rootPid) =>
  Math.round(overTree(rootPid, (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0)) / 1024);

/** The production build on `port` with `env` added, once `/api/health` answers. */
export async function startProductionServer(port, env) {
  const { spawn } = await import("node:child_process");
  const server = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true, // its own process group, so stopProductionServer ends Next's workers too
  });
  for (let i = 0; ; i++) {
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) break;
    if (i === 100) {
      await stopProductionServer(server);
      throw new Error("the server did not start");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return server;
}

/**
 * Ends a server from startProductionServer with every process it started, and waits for them:
 * SIGTERM, then SIGKILL after 2 s (Next's graceful shutdown waits for idle keep-alive sockets).
 */
export async function stopProductionServer(server) {
  const signal = (name) => {
    try {
      process.kill(-server.pid, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  for (let i = 0; groupSize(server.pid) > 0; i++) {
    if (i === 40) signal("SIGKILL");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Processes still in the process group `pgid`. */
function groupSize(pgid) {
  let n = 0;
  for (const entry of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (Number(readFileSync(`/proc/${entry}/stat`, "utf8").replace(/^.*\) /, "").split(" ")[2]) === pgid) n++;
    } catch {
      // ended meanwhile
    }
  }
  return n;
}
