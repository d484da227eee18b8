// Applies pending migrations to the database DATABASE_URL names (SQLite by default), and puts
// SQLite in WAL mode, which the file keeps from then on.
import { execFileSync } from "node:child_process";
import { DEFAULT_DATABASE_URL, databaseKind, loadDotEnv } from "./db-url.mjs";

export function migrate({ quiet = false } = {}) {
  loadDotEnv();
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (databaseKind(url) === "sqlite") {
    return import("better-sqlite3").then(({ default: Database }) => {
      const db = new Database(url.replace(/^file:/, ""));
      db.pragma("journal_mode = WAL");
      db.close();
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await migrate();
