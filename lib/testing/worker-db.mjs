// One database per Vitest worker, so two test files run at once without sharing rows: worker 1
// uses DATABASE_URL itself, worker N a copy next to it (`vitest-w2.db`, or database `test_w2`),
// cloned from the freshly migrated one by the global setup.
import { copyFileSync, existsSync, rmSync } from "node:fs";

export const TEST_WORKERS = 2;

export function workerDatabaseUrl(url, worker) {
  if (worker <= 1) return url;
  if (url.startsWith("file:")) return url.replace(/(\.db)?$/, (ext) => `-w${worker}${ext}`);
  const u = new URL(url);
  u.pathname = `${u.pathname}_w${worker}`;
  return u.toString();
}

export async function cloneForWorkers(url) {
  for (let worker = 2; worker <= TEST_WORKERS; worker++) {
    const target = workerDatabaseUrl(url, worker);
    if (url.startsWith("file:")) {
      const from = url.slice("file:".length);
      const to = target.slice("file:".length);
      for (const suffix of ["", "-wal", "-shm"]) {
        rmSync(to + suffix, { force: true });
        if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
      }
      continue;
    }
    const { default: pg } = await import("pg");
    const admin = new URL(url);
    const source = decodeURIComponent(admin.pathname.slice(1));
    admin.pathname = "/postgres";
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      const name = decodeURIComponent(new URL(target).pathname.slice(1));
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${source}"`);
    } finally {
      await client.end();
    }
  }
}
