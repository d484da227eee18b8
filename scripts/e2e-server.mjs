// The server the end-to-end tests run against: the production build on a fresh database
// (E2E_DATABASE_URL, or a new SQLite file), with a fixed test secret, and the OpenAI-compatible
// provider pointed at a local fake (scripts/fake-llm.mjs) so bots can use it with no internet.
import { spawn } from "node:child_process";
import { migrate } from "./db-migrate.mjs";
import { resetDatabase } from "./db-reset.mjs";
import { startFakeLlm } from "./fake-llm.mjs";

const port = process.argv[2] || "3100";
// e2e/ports.ts: the local site knowledge.spec.ts crawls sits on the app's port + 11.
const knowledgeSite = `127.0.0.1:${Number(port) + 11}`;
const url = process.env.E2E_DATABASE_URL || "file:./data/e2e.db";

await resetDatabase(url);
const fakeLlm = await startFakeLlm({ reply: "Hello from the **fake** OpenAI-compatible model. It streams word by word." });

const env = {
  ...process.env,
  DATABASE_URL: url,
  AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
  // Every test is a client on 127.0.0.1: the suite registers several dozen accounts, fails
  // logins on purpose and chats on public pages from that one address. The per-address limits
  // have their own tests (lib/security/limits.test.ts, e2e/flood.spec.ts on a server of its own).
  REGISTER_UNKNOWN_IP_PER_HOUR: "1000",
  REGISTER_PER_IP_PER_HOUR: "1000",
  LOGIN_DAILY_FAILURES_PER_IP: "10000",
  PUBLIC_CHAT_PER_IP_PER_MINUTE: "1000",
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  OPENAI_BASE_URL: `${fakeLlm.url}/v1`,
  OPENAI_API_KEY: "sk-e2e-fake",
  // The one local address a web source may be fetched from in the suite (never set in a deployment).
  UNSAFE_FETCH_ALLOW_HOSTS: knowledgeSite,
};
process.env.DATABASE_URL = url;
await migrate({ quiet: true });
const server = spawn("node_modules/.bin/next", ["start", "-p", port, "-H", "127.0.0.1"], { env, stdio: ["inherit", "inherit", "pipe"] });
// The build also writes the standalone server; Next's warning that `next start` "does not work" with it is left out.
server.stderr.on("data", (chunk) => {
  const text = String(chunk).split("\n").filter((line) => !line.includes('does not work with "output: standalone"')).join("\n");
  if (text.trim()) process.stderr.write(text);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => fakeLlm.close().then(() => process.exit(code ?? 0)));
