// Generates the Prisma client for both databases, so one build serves whichever
// DATABASE_URL names at run time.
import { execFileSync } from "node:child_process";
import { SCHEMAS } from "./db-url.mjs";

const urls = { sqlite: "file:./data/app.db", postgresql: "postgresql://localhost/generate" };
for (const [kind, { schema }] of Object.entries(SCHEMAS)) {
  execFileSync("node_modules/.bin/prisma", ["generate", "--no-hints", "--schema", schema], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: urls[kind], PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
console.log("Prisma clients generated (SQLite, PostgreSQL).");
