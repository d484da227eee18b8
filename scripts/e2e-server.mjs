// The server the end-to-end tests run against: the production build on a fresh database
// (E2E_DATABASE_URL, or a new SQLite file), with a fixed test secret.
import { spawn } from "node:child_process";
import { migrate } from "./db-migrate.mjs";
import { resetDatabase } from "./db-reset.mjs";

const port = process.argv[2] || "3100";
const url = process.env.E2E_DATABASE_URL || "file:./data/e2e.db";

await resetDatabase(url);

const env = {
  ...process.env,
  DATABASE_URL: url,
  AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
};
process.env.DATABASE_URL = url;
await migrate({ quiet: true });
const server = spawn("node_modules/.bin/next", ["start", "-p", port, "-H", "127.0.0.1"], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
