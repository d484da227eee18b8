// Applies pending migrations without the Prisma CLI, for a deployment that carries only the
// server (the standalone folder: scripts/standalone.mjs). It reads the same folders and writes
// the same `_prisma_migrations` rows as `prisma migrate deploy` (checksum: SHA-256 of the file),
// so either tool can take over from the other. On PostgreSQL it holds Prisma's own advisory lock,
// so instances starting together apply each migration once.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const PRISMA_LOCK = 72707369; // the advisory lock id `prisma migrate` takes

const TABLE = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
    "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};

const DONE = `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
const FAILED = `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NULL AND "rolled_back_at" IS NULL`;

function migrationsIn(folder) {
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(folder, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
}

/** A connection with one small interface over libSQL and pg. */
async function connect(url, kind) {
  if (kind === "sqlite") {
    const { default: Database } = await import("libsql");
    const db = new Database(url.replace(/^file:/, ""));
    return {
      all: async (sql, params = []) => db.prepare(sql).all(...params),
      run: async (sql, params = []) => void db.prepare(sql).run(...params),
      exec: async (sql) => void db.exec(sql),
      lock: async () => {},
      close: async () => {
        db.prepare("PRAGMA journal_mode = WAL").all();
        db.close();
      },
    };
  }
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  const numbered = (sql) => sql.replace(/\?/g, ((n) => () => `$${++n}`)(0));
  return {
    all: async (sql, params = []) => (await client.query(numbered(sql), params)).rows,
    run: async (sql, params = []) => void (await client.query(numbered(sql), params)),
    exec: async (sql) => void (await client.query(sql)),
    lock: async () => void (await client.query(`SELECT pg_advisory_lock(${PRISMA_LOCK})`)),
    close: async () => client.end(),
  };
}

/** Applies the migrations in `folder` that `url`'s database lacks; the names applied. */
export async function applyMigrations(url, kind, folder) {
  const db = await connect(url, kind);
  const applied = [];
  try {
    await db.lock();
    await db.exec(TABLE[kind]);
    const failed = (await db.all(FAILED)).map((r) => r.migration_name);
    if (failed.length) throw new Error(`migration ${failed[0]} failed earlier and was never finished: resolve it (docs/operations.md) before starting`);
    const done = new Set((await db.all(DONE)).map((r) => r.migration_name));
    for (const name of migrationsIn(folder)) {
      if (done.has(name)) continue;
      const sql = readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      const id = randomUUID();
      const now = () => new Date().toISOString();
      await db.run(`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count") VALUES (?, ?, ?, ?, 0)`, [
        id,
        createHash("sha256").update(sql).digest("hex"),
        name,
        now(),
      ]);
      try {
        await db.exec(sql);
      } catch (error) {
        await db.run(`UPDATE "_prisma_migrations" SET "logs" = ? WHERE "id" = ?`, [String(error?.message ?? error), id]);
        throw new Error(`migration ${name} failed: ${error?.message ?? error}`);
      }
      await db.run(`UPDATE "_prisma_migrations" SET "finished_at" = ?, "applied_steps_count" = 1 WHERE "id" = ?`, [now(), id]);
      applied.push(name);
    }
  } finally {
    await db.close();
  }
  return applied;
}
