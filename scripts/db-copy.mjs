// `npm run db:copy -- <from-url> <to-url>`: copies every row of one database into another, e.g.
// from SQLite to PostgreSQL when the app grows past one server. The target is created when
// missing and migrated (scripts/migrate-sql.mjs), must hold no rows, and is written in one
// transaction; both databases must be at the same migration. Search indexes are rebuilt on the
// target (SQLite's FTS table; PostgreSQL's is a generated column). Prints each table's counts and
// fails when any differs. Stop the app (or keep it read-only) while it runs.
import { DEFAULT_DATABASE_URL, SCHEMAS, databaseKind } from "./db-url.mjs";
import { countRows, dependencyOrder, describeTables, open, q, rebuildSqliteSearch } from "./db-tables.mjs";
import { ensurePostgresDatabase } from "./db-migrate.mjs";
import { applyMigrations } from "./migrate-sql.mjs";

export class CopyError extends Error {}

const BATCH_PARAMETERS = 30_000;

/** A value read from one engine, as the other stores it (column type on the target). */
function convert(value, type, targetKind) {
  if (value === null || value === undefined) return null;
  const t = type.toLowerCase();
  if (t.startsWith("timestamp") || t === "datetime") {
    const date = value instanceof Date ? value : typeof value === "number" || /^\d+$/.test(String(value)) ? new Date(Number(value)) : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(String(value)) ? String(value) : `${String(value).replace(" ", "T")}Z`);
    // Prisma's forms: PostgreSQL `timestamp(3)` holds UTC wall time; SQLite holds ISO text.
    return targetKind === "postgresql" ? date.toISOString().replace("Z", "") : date.toISOString().replace("Z", "+00:00");
  }
  if (t === "boolean") return targetKind === "postgresql" ? Boolean(Number(value === true ? 1 : value === false ? 0 : value)) : value === true || Number(value) === 1 ? 1 : 0;
  if (t === "bytea" || t === "blob") return Buffer.from(value);
  if (t === "bigint") return targetKind === "postgresql" ? String(value) : Number(value);
  return value;
}

/**
 * @param {string} fromUrl
 * @param {string} toUrl
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<Record<string, { from: number, to: number }>>}
 */
export async function copyDatabase(fromUrl, toUrl, { log = () => {} } = {}) {
  if (fromUrl === toUrl) throw new CopyError("The source and the target are the same database.");
  const toKind = databaseKind(toUrl);
  databaseKind(fromUrl);
  if (toKind === "postgresql") await ensurePostgresDatabase(toUrl);
  await applyMigrations(toUrl, toKind, SCHEMAS[toKind].migrations);
  const from = await open(fromUrl);
  const to = await open(toUrl);
  /** @type {Record<string, { from: number, to: number }>} */
  const counts = {};
  try {
    const sourceTables = await describeTables(from);
    const targetTables = await describeTables(to);
    const missing = [...sourceTables.keys()].filter((t) => !targetTables.has(t));
    if (missing.length) throw new CopyError(`The target has no table ${missing.join(", ")}: are both databases at the same migration (npm run db:migrate)?`);
    for (const table of targetTables.keys()) if ((await countRows(to, table)) > 0) throw new CopyError(`The target already holds rows (${table}): copy into an empty database.`);
    const order = dependencyOrder(targetTables).filter((t) => sourceTables.has(t));
    await to.exec("BEGIN");
    try {
      for (const table of order) {
        const sourceColumns = new Set(sourceTables.get(table).columns.map((c) => c.name));
        const columns = targetTables.get(table).columns.filter((c) => sourceColumns.has(c.name));
        const rows = await from.all(`SELECT ${columns.map((c) => q(c.name)).join(", ")} FROM ${q(table)}`);
        const perBatch = Math.max(1, Math.floor(BATCH_PARAMETERS / columns.length));
        for (let start = 0; start < rows.length; start += perBatch) {
          const batch = rows.slice(start, start + perBatch);
          let n = 0;
          const values = batch.map(() => `(${columns.map(() => (to.kind === "postgresql" ? `$${++n}` : "?")).join(", ")})`).join(", ");
          const params = batch.flatMap((row) => columns.map((c) => convert(row[c.name], c.type, to.kind)));
          await to.run(`INSERT INTO ${q(table)} (${columns.map((c) => q(c.name)).join(", ")}) VALUES ${values}`, params);
        }
      }
      await to.exec("COMMIT");
    } catch (error) {
      await to.exec("ROLLBACK").catch(() => {});
      throw error;
    }
    const indexed = to.kind === "sqlite" ? await rebuildSqliteSearch(to) : (await to.exec(`ANALYZE`), null);
    let differs = false;
    for (const table of order) {
      const [a, b] = [await countRows(from, table), await countRows(to, table)];
      counts[table] = { from: a, to: b };
      if (a !== b) differs = true;
      log(`${table.padEnd(24)} ${String(a).padStart(8)} → ${String(b).padStart(8)}${a === b ? "" : "  DIFFERS"}`);
    }
    if (indexed !== null) log(`Search index rebuilt: ${indexed} pieces.`);
    if (differs) throw new CopyError("Some tables differ after the copy (see above): was the app writing to the source meanwhile?");
    return counts;
  } finally {
    await from.close();
    await to.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [fromUrl, toUrl] = process.argv.slice(2);
  if (!fromUrl || !toUrl) {
    console.error(`Usage: npm run db:copy -- <from-url> <to-url>   e.g. ${DEFAULT_DATABASE_URL} postgresql://user@host:5432/chatbots`);
    process.exit(1);
  }
  try {
    await copyDatabase(fromUrl, toUrl, { log: console.log });
    console.log("Every row arrived. Point DATABASE_URL at the target and start the app.");
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
