import { readdirSync, readFileSync, rmSync } from "node:fs";
import pg from "pg";
import { SCHEMAS, databaseKind } from "@/scripts/db-url.mjs";

// For tests of a migration that rewrites existing rows: the migrations of the database under
// test up to the one named, and a scratch database of that kind to run them on.

/** One statement; placeholders $1, $2… in order, each used once (SQLite sees them as ?). */
export type Run = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
/** A scratch database: `exec` runs a script (a migration), `run` one statement with its rows. */
export type ScratchDatabase = { exec: (sql: string) => Promise<unknown>; run: Run };

export const kind = databaseKind(process.env.DATABASE_URL);

/** The migration whose name ends in `_<suffix>` (`index` -1 when there is none), and the ones before it. */
export function migrationNamed(suffix: string) {
  const dir = SCHEMAS[kind].migrations;
  const migrations = readdirSync(dir).filter((name) => /^\d+_/.test(name)).sort();
  const index = migrations.findIndex((name) => name.endsWith(`_${suffix}`));
  const sqlOf = (name: string) => readFileSync(`${dir}/${name}/migration.sql`, "utf8");
  return {
    index,
    /** Every migration before it, in order. */
    applyBefore: async (db: ScratchDatabase) => {
      for (const name of migrations.slice(0, index)) await db.exec(sqlOf(name));
    },
    apply: (db: ScratchDatabase) => db.exec(sqlOf(migrations[index])),
  };
}

/**
 * A new, empty database of the kind under test (a SQLite file under data/, or a database beside
 * DATABASE_URL's on its PostgreSQL server) for `body`, removed afterwards.
 */
export async function withScratchDatabase<T>(name: string, body: (db: ScratchDatabase) => Promise<T>): Promise<T> {
  if (kind === "sqlite") {
    const { default: Database } = await import("libsql");
    const file = `data/vitest-${name}.db`;
    const clean = () => ["", "-wal", "-shm"].forEach((s) => rmSync(file + s, { force: true }));
    clean();
    const db = new Database(file);
    try {
      return await body({
        exec: async (sql) => db.exec(sql),
        run: async (sql, params = []) => {
          const statement = db.prepare(sql.replace(/\$\d+/g, "?"));
          return statement.reader ? (statement.all(params) as Record<string, unknown>[]) : (statement.run(params), []);
        },
      });
    } finally {
      db.close();
      clean();
    }
  }
  const server = new URL(process.env.DATABASE_URL!);
  const database = `${server.pathname.slice(1)}_${name.replace(/-/g, "_")}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
    await admin.query(`CREATE DATABASE "${database}"`);
    const client = new pg.Client({ connectionString: Object.assign(new URL(server), { pathname: `/${database}` }).toString() });
    await client.connect();
    try {
      return await body({ exec: (sql) => client.query(sql), run: async (sql, params) => (await client.query(sql, params)).rows });
    } finally {
      await client.end();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${database}"`).catch(() => {});
    await admin.end();
  }
}
