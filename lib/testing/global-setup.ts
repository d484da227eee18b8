import { execFileSync } from "node:child_process";
import { resetDatabase } from "@/scripts/db-reset.mjs";
import { cloneForWorkers } from "./worker-db.mjs";

// A fresh, migrated database for every run (a real SQLite file, or the PostgreSQL schema emptied),
// then one copy of it per further worker.
export default async function setup() {
  await resetDatabase(process.env.DATABASE_URL!);
  execFileSync(process.execPath, ["scripts/db-migrate.mjs"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
  await cloneForWorkers(process.env.DATABASE_URL!);
}
