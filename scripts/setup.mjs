// Runs before `dev` and `start`: the app needs no configuration at all. The first run writes
// .env with a random AUTH_SECRET; every run brings the database up to date (and when it already
// is, costs one read of the migrations table).
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, appendFileSync, writeFileSync } from "node:fs";
import { migrate, runOrExplain } from "./db-migrate.mjs";

const hasSecret = () => process.env.AUTH_SECRET || (existsSync(".env") && /^AUTH_SECRET=./m.test(readFileSync(".env", "utf8")));
if (!hasSecret()) {
  const line = `# Written by the first start. Keep it secret: it signs every session.\nAUTH_SECRET=${randomBytes(32).toString("base64url")}\n`;
  if (existsSync(".env")) appendFileSync(".env", `\n${line}`);
  else writeFileSync(".env", line, { mode: 0o600 });
  console.log("Created .env with a new AUTH_SECRET.");
}
await runOrExplain(() => migrate({ quiet: true, onlyIfPending: true }));
