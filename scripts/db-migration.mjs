// Authors a migration for both databases from one change to prisma/schema.prisma:
//   npm run db:migration -- add_widgets
// 1. writes prisma/postgresql/schema.prisma from the SQLite source schema;
// 2. diffs each schema against its snapshot (the schema as of the last migration) with
//    `prisma migrate diff` — `migrate dev` cannot run with driver adapters;
// 3. writes <timestamp>_<name>/migration.sql for each database and moves the snapshots on.
// `--check` writes nothing and fails when the PostgreSQL copy or a migration is missing.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { SCHEMAS } from "./db-url.mjs";

// `migrate diff` connects through the config's adapter even to compare two files, so authoring
// needs a reachable PostgreSQL server (AUTHORING_POSTGRES_URL); nothing is written to it.
const URLS = {
  sqlite: "file:./data/migration-authoring.db",
  postgresql: process.env.AUTHORING_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres",
};
const snapshotPath = (kind) => `prisma/snapshots/${kind}.prisma`;

export function postgresSchemaFrom(sqliteSchema) {
  return (
    "// GENERATED from prisma/schema.prisma by `npm run db:migration`; edit that file instead.\n" +
    sqliteSchema
      .replace(/^\/\/ The source schema[^\n]*\n(\/\/[^\n]*\n)*/m, "")
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace('output     = "../lib/db/generated/sqlite"', 'output     = "../../lib/db/generated/postgresql"')
  );
}

function diff(kind) {
  const snapshot = snapshotPath(kind);
  const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
  return execFileSync(
    "node_modules/.bin/prisma",
    ["migrate", "diff", ...from, "--to-schema-datamodel", SCHEMAS[kind].schema, "--script"],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: URLS[kind] }, stdio: ["ignore", "pipe", "inherit"] },
  );
}

const isEmpty = (sql) => !sql.split("\n").some((line) => line.trim() && !line.startsWith("--"));

const check = process.argv.includes("--check");
const name = process.argv.slice(2).find((a) => !a.startsWith("--"));
const pgSchema = postgresSchemaFrom(readFileSync(SCHEMAS.sqlite.schema, "utf8"));

if (check) {
  const problems = [];
  if (!existsSync(SCHEMAS.postgresql.schema) || readFileSync(SCHEMAS.postgresql.schema, "utf8") !== pgSchema) {
    problems.push("prisma/postgresql/schema.prisma is stale");
  }
  for (const kind of Object.keys(SCHEMAS)) {
    if (!isEmpty(diff(kind))) problems.push(`the ${kind} schema has changes with no migration`);
  }
  if (problems.length) {
    console.error(`${problems.join("; ")}: run npm run db:migration -- <name>`);
    process.exit(1);
  }
  console.log("Schemas and migrations are in step.");
  process.exit(0);
}

if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name in snake_case>");
  process.exit(1);
}
mkdirSync("prisma/postgresql", { recursive: true });
writeFileSync(SCHEMAS.postgresql.schema, pgSchema);
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
let wrote = 0;
for (const kind of Object.keys(SCHEMAS)) {
  const sql = diff(kind);
  if (isEmpty(sql)) continue;
  const dir = `${SCHEMAS[kind].migrations}/${stamp}_${name}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/migration.sql`, sql);
  if (!existsSync(`${SCHEMAS[kind].migrations}/migration_lock.toml`)) {
    writeFileSync(`${SCHEMAS[kind].migrations}/migration_lock.toml`, `provider = "${kind}"\n`);
  }
  mkdirSync("prisma/snapshots", { recursive: true });
  writeFileSync(snapshotPath(kind), readFileSync(SCHEMAS[kind].schema, "utf8"));
  console.log(`wrote ${dir}/migration.sql`);
  wrote++;
}
if (!wrote) console.log("No schema changes: no migration written.");
execFileSync(process.execPath, ["scripts/db-generate.mjs"], { stdio: "inherit" });
