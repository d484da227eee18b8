// Empties a test database: deletes a SQLite file (and its WAL files), or drops and recreates
// PostgreSQL's public schema. Used by the Vitest global setup and the e2e server only.
import { rmSync } from "node:fs";

export async function resetDatabase(url) {
  if (url.startsWith("file:")) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(url.slice("file:".length) + suffix, { force: true });
    return;
  }
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  } finally {
    await client.end();
  }
}
