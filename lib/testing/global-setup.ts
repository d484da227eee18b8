import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

// A fresh, migrated database for every run: a real SQLite file, or the PostgreSQL schema emptied.
export default async function setup() {
  const url = process.env.DATABASE_URL!;
  if (url.startsWith("file:")) {
    const file = url.replace(/^file:/, "");
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  } else {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    await client.end();
  }
  execFileSync(process.execPath, ["scripts/db-migrate.mjs"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
}
