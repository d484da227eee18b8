import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

/** The test's own build folder (next.config.ts reads it), emptied before each run. */
const DIST_DIR = ".next/e2e-dev";

/**
 * `next dev` — the README's first command — on its own port, SQLite file and build folder, for
 * the smoke test that catches what only development shows (StrictMode running updaters twice,
 * the dev CSP). Its own build folder: in a clone where `npm run dev` had run, sharing .next/dev
 * met that server's lock (a second `next dev` there refuses to start while the first runs) and
 * its Turbopack cache; this one starts as a fresh clone's first `npm run dev` does.
 */
export async function startDevServer(port: number) {
  const file = "data/e2e-dev.db";
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  rmSync(DIST_DIR, { recursive: true, force: true });
  // NODE_ENV left out: next dev sets it to development itself.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "NODE_ENV"));
  const env = { ...inherited, DATABASE_URL: `file:./${file}`, E2E_DEV_DIST_DIR: DIST_DIR, AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e", NEXT_TELEMETRY_DISABLED: "1" } as unknown as NodeJS.ProcessEnv;
  let log = "";
  // As `npm run dev` runs it (setup, then next dev in the same process). detached: its own
  // process group, so stopping it also stops the bundler's workers.
  const proc: ChildProcess = spawn(process.execPath, ["scripts/start.mjs", "dev", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  proc.stdout?.on("data", (chunk) => (log += chunk));
  proc.stderr?.on("data", (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`next dev exited (${proc.exitCode}):\n${log}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 600) throw new Error(`next dev on ${port} did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    log: () => log,
    stop: () => {
      if (proc.exitCode === null && proc.pid) process.kill(-proc.pid, "SIGTERM");
    },
  };
}
