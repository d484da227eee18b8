// Applies pending migrations to the database DATABASE_URL names (SQLite by default), and puts
// SQLite in WAL mode, which the file keeps from then on. On PostgreSQL a database that does not
// exist yet is created when the server lets this user; anything else fails with one sentence.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { DEFAULT_DATABASE_URL, SCHEMAS, databaseKind, loadDotEnv } from "./db-url.mjs";

/** A failure the person running the command can act on: printed as one sentence, no stack. */
export class SetupError extends Error {}

const where = (url) => {
  const u = new URL(url);
  return { name: decodeURIComponent(u.pathname.slice(1)) || "postgres", server: `${u.hostname}:${u.port || 5432}` };
};

/** Creates the PostgreSQL database `url` names if it is missing; returns true when it did. */
export async function ensurePostgresDatabase(url) {
  const { default: pg } = await import("pg");
  const { name, server } = where(url);
  const tryConnect = async (connectionString) => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
  };
  try {
    await (await tryConnect(url)).end();
    return false;
  } catch (error) {
    if (error.code !== "3D000") throw new SetupError(connectionProblem(error, name, server));
  }
  // The database is missing: ask the server's maintenance database to create it.
  const admin = new URL(url);
  admin.pathname = "/postgres";
  let client;
  try {
    client = await tryConnect(admin.toString());
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    return true;
  } catch (error) {
    if (error.code === "42P04") return false; // created meanwhile by someone else
    throw new SetupError(
      `PostgreSQL database "${name}" does not exist on ${server} and could not be created (${error.code === "42501" ? "this user may not create databases" : error.message}): create it with \`createdb ${name}\` or point DATABASE_URL at an existing database.`,
    );
  } finally {
    await client?.end().catch(() => {});
  }
}

function connectionProblem(error, name, server) {
  if (error.code === "ECONNREFUSED" || error.code === "ENOTFOUND" || error.code === "EAI_AGAIN" || /timeout/i.test(error.message))
    return `Cannot reach PostgreSQL at ${server} (${error.code || error.message}): start the server or fix the host and port in DATABASE_URL.`;
  if (error.code === "28P01" || error.code === "28000") return `PostgreSQL at ${server} refused the user or password in DATABASE_URL (${error.message}).`;
  return `Cannot open PostgreSQL database "${name}" on ${server}: ${error.message}.`;
}

// Prisma warns on every run that the schema's datasource url is unused with a driver adapter; the
// url stays there on purpose (without it a schema error hides behind a failed engine download).
const URL_WARNING = /\nWARNING: Your schema specifies the following datasource properties[\s\S]*?only using driver adapters\.\n?/;

/**
 * Whether every migration in the folder is recorded as finished in the database: one read of
 * Prisma's own table, instead of starting `prisma migrate deploy` (a second or two) on every start.
 * Any doubt (no table, a failed or rolled-back row, an unreadable database) answers false.
 */
export async function upToDate(url, kind) {
  const folder = SCHEMAS[kind].migrations;
  const wanted = readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const query = `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  let applied;
  try {
    if (kind === "sqlite") {
      const file = url.replace(/^file:/, "");
      if (!existsSync(file)) return false;
      // libsql (the SQLite driver's synchronous, better-sqlite3-like API) has no read-only mode;
      // the file exists, so opening it creates nothing.
      const { default: Database } = await import("libsql");
      const db = new Database(file);
      try {
        applied = db.prepare(query).all().map((r) => r.migration_name);
      } finally {
        db.close();
      }
    } else {
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      try {
        await client.connect();
        applied = (await client.query(query)).rows.map((r) => r.migration_name);
      } finally {
        await client.end().catch(() => {});
      }
    }
  } catch {
    return false;
  }
  const done = new Set(applied);
  return wanted.every((name) => done.has(name));
}

export async function migrate({ quiet = false, onlyIfPending = false } = {}) {
  loadDotEnv();
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const kind = databaseKind(url);
  if (onlyIfPending && (await upToDate(url, kind))) return;
  if (kind === "postgresql" && (await ensurePostgresDatabase(url)) && !quiet) console.log(`Created PostgreSQL database "${where(url).name}".`);
  let output;
  try {
    output = execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
  } catch (error) {
    const said = `${error.stdout ?? ""}${error.stderr ?? ""}`.replace(URL_WARNING, "\n");
    const line = said.split("\n").find((l) => /^Error:/.test(l)) ?? said.trim().split("\n").pop();
    throw new SetupError(`Migrating the database failed: ${line?.replace(/^Error:\s*/, "") || "prisma migrate deploy exited with an error"}`);
  }
  if (!quiet) process.stdout.write(output.replace(URL_WARNING, "\n"));
  if (kind === "sqlite") {
    const { default: Database } = await import("libsql");
    const db = new Database(url.replace(/^file:/, ""));
    db.prepare("PRAGMA journal_mode = WAL").all(); // a pragma that answers a row: not exec()
    db.close();
  }
}

/** For command-line entry points: a SetupError is one line on stderr and exit code 1. */
export async function runOrExplain(task) {
  try {
    await task();
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runOrExplain(() => migrate());
