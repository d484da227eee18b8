import { execFileSync, spawn, type ChildProcess } from "node:child_process";

/**
 * Another production server beside the suite's own (same build), for tests about processes:
 * a second instance sharing the store, or a server that is sent SIGTERM.
 */
export async function startServer(port: number, env: Record<string, string>) {
  const fullEnv = { ...process.env, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1", AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e", ...env };
  execFileSync(process.execPath, ["scripts/db-migrate.mjs"], { env: fullEnv, stdio: "ignore" });
  const proc: ChildProcess = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], { env: fullEnv, stdio: "ignore" });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 150) throw new Error(`server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, proc, exited, stop: () => (proc.exitCode === null ? proc.kill("SIGTERM") : true) };
}
