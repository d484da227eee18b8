import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ensurePostgresDatabase, upToDate } from "./db-migrate.mjs";

// `npm run db:migrate` (and the setup before `dev` and `start`) as a newcomer meets it: a missing
// PostgreSQL database is created, an unreachable one is one clear sentence, and no Prisma warning.
const run = promisify(execFile);
const migrateCli = (url: string) =>
  run(process.execPath, ["scripts/db-migrate.mjs"], { env: { ...process.env, DATABASE_URL: url } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

const server = new URL(process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test");
const reachable = await (async () => {
  const client = new pg.Client({ connectionString: server.toString(), connectionTimeoutMillis: 3000 });
  return client.connect().then(() => client.end().then(() => true), () => false);
})();

describe("db:migrate", () => {
  it("says in one sentence that PostgreSQL cannot be reached, without a stack trace", async () => {
    const { code, stdout, stderr } = await migrateCli("postgresql://postgres@127.0.0.1:1/anything");
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^Cannot reach PostgreSQL at 127\.0\.0\.1:1 \(ECONNREFUSED\): start the server or fix the host and port in DATABASE_URL\.$/);
    expect(stdout + stderr).not.toMatch(/\n\s+at |node:internal/);
  });

  it("migrates SQLite without Prisma's warning about the schema's url", async () => {
    const file = "data/vitest-migrate-cli.db";
    try {
      expect(await upToDate(`file:./${file}`, "sqlite")).toBe(false); // no file yet: start migrates
      const { code, stdout, stderr } = await migrateCli(`file:./${file}`);
      expect(code, stderr).toBe(0);
      expect(stdout).toContain("migrations");
      expect(stdout + stderr).not.toContain("WARNING");
      // Every migration recorded: the next start skips `prisma migrate deploy`.
      expect(await upToDate(`file:./${file}`, "sqlite")).toBe(true);
      const { default: Database } = await import("libsql");
      const db = new Database(file);
      db.prepare("DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)").run();
      db.close();
      expect(await upToDate(`file:./${file}`, "sqlite")).toBe(false); // one pending: start migrates
    } finally {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    }
  }, 60_000);

  describe.runIf(reachable)("on a PostgreSQL server that allows it", () => {
    const name = `test_newcomer_create_${Date.now().toString(36)}`;
    const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
    const drop = async () => {
      const client = new pg.Client({ connectionString: server.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}"`).finally(() => client.end());
    };
    afterAll(drop);

    it("creates a database that does not exist yet, once", async () => {
      await drop();
      expect(await ensurePostgresDatabase(url)).toBe(true);
      expect(await ensurePostgresDatabase(url)).toBe(false);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      expect((await client.query("SELECT current_database() AS db")).rows[0].db).toBe(name);
      await client.end();
    });

    it("says in one sentence when the user may not create it", async () => {
      const role = `newcomer_nocreate_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: server.toString() });
      await admin.connect();
      await admin.query(`CREATE ROLE "${role}" LOGIN NOCREATEDB`);
      try {
        const denied = Object.assign(new URL(url), { username: role, pathname: `/${name}_denied` }).toString();
        const { code, stdout, stderr } = await migrateCli(denied);
        expect(code).toBe(1);
        expect(stderr.trim()).toBe(
          `PostgreSQL database "${name}_denied" does not exist on ${server.hostname}:${server.port || 5432} and could not be created (this user may not create databases): create it with \`createdb ${name}_denied\` or point DATABASE_URL at an existing database.`,
        );
        expect(stdout + stderr).not.toMatch(/\n\s+at /);
      } finally {
        await admin.query(`DROP ROLE "${role}"`).finally(() => admin.end());
      }
    });
  });
});
