import { execFileSync, spawn, type ChildProcess } from "node:child_process";

/**
 * Another production server beside the suite's own (same build), for tests about processes:
 * a second instance sharing the store, or a server that is sent SIGTERM.
 */
export async function startServer(port: number, env: Record<string, string>, { migrate = true } = {}) {
  // Every test client is 127.0.0.1, and limits kept in Redis outlive a run: the per-address
  // account limits stay out of the way unless a test sets its own (e2e/flood.spec.ts tests them).
  const perAddress = { REGISTER_PER_IP_PER_HOUR: "1000", LOGIN_DAILY_FAILURES_PER_IP: "10000" };
  const fullEnv = { ...process.env, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1", AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e", ...perAddress, ...env };
  // The suite's own database is migrated already (scripts/e2e-server.mjs): `migrate: false` skips the ~10 s PostgreSQL migrate run.
  if (migrate) execFileSync(process.execPath, ["scripts/db-migrate.mjs"], { env: fullEnv, stdio: "ignore" });
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
