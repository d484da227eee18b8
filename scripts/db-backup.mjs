// `npm run db:backup -- <file>`: an online backup of the SQLite database (DATABASE_URL, or .env's),
// safe while the app runs: `VACUUM INTO` reads one consistent snapshot while writers carry on
// (WAL). The copy's full-text index is rebuilt from its own rows (VACUUM may renumber rowids,
// which the index is keyed on), then checked. Restore steps: docs/operations.md.
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_DATABASE_URL, loadDotEnv } from "./db-url.mjs";
import { countRows, describeTables, open, rebuildSqliteSearch } from "./db-tables.mjs";

export class BackupError extends Error {}

/**
 * Backs up `url`'s SQLite database into `file` (which must not exist); rows per table in the copy.
 * @param {string} url
 * @param {string} file
 * @returns {Promise<{ counts: Record<string, number>, indexed: number }>}
 */
export async function backupSqlite(url, file) {
  if (!url.startsWith("file:")) throw new BackupError("db:backup is for SQLite; on PostgreSQL use pg_dump (docs/operations.md).");
  if (!existsSync(url.slice("file:".length))) throw new BackupError(`There is no database at ${url.slice("file:".length)}.`);
  if (existsSync(file)) throw new BackupError(`${file} exists already: choose a new file name.`);
  const source = await open(url);
  try {
    await source.run(`VACUUM INTO ?`, [path.resolve(file)]);
  } finally {
    await source.close();
  }
  const copy = await open(`file:${file}`);
  try {
    const indexed = await rebuildSqliteSearch(copy);
    const [check] = await copy.all(`PRAGMA integrity_check`);
    if (check.integrity_check !== "ok") throw new BackupError(`The backup failed its integrity check: ${check.integrity_check}`);
    /** @type {Record<string, number>} */
    const counts = {};
    for (const table of (await describeTables(copy)).keys()) counts[table] = await countRows(copy, table);
    return { counts, indexed };
  } finally {
    await copy.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error("Usage: npm run db:backup -- <file>   (backs up the SQLite database DATABASE_URL names)");
    process.exit(1);
  }
  loadDotEnv();
  try {
    const { counts, indexed } = await backupSqlite(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, file);
    for (const [table, n] of Object.entries(counts)) console.log(`${table.padEnd(24)} ${n}`);
    console.log(`Backed up to ${file} (integrity ok; search index: ${indexed} pieces).`);
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
