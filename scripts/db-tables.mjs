// The app's tables as the database itself describes them, for db:backup and db:copy: names,
// columns with their types, and an order in which every row's foreign keys already exist.
// Prisma's own bookkeeping, SQLite's internals and the full-text index (rebuilt, not copied) are left out.
import pg from "pg";

const SKIP = /^(_prisma_migrations|sqlite_.*|KnowledgePieceFts.*)$/;

/**
 * A connection with one interface over libSQL and pg; timestamps from PostgreSQL stay UTC strings.
 * @param {string} url
 * @returns {Promise<{ kind: "sqlite" | "postgresql", all: (sql: string, params?: unknown[]) => Promise<Record<string, any>[]>, run: (sql: string, params?: unknown[]) => Promise<void>, exec: (sql: string) => Promise<void>, close: () => Promise<void> }>}
 */
export async function open(url) {
  if (url.startsWith("file:")) {
    const { default: Database } = await import("libsql");
    const db = new Database(url.slice("file:".length));
    db.pragma("busy_timeout = 5000");
    return {
      kind: "sqlite",
      all: async (sql, params = []) => db.prepare(sql).all(params),
      run: async (sql, params = []) => void db.prepare(sql).run(params),
      exec: async (sql) => void db.exec(sql),
      close: async () => db.close(),
    };
  }
  const raw = (s) => s;
  const client = new pg.Client({
    connectionString: url,
    // timestamp without time zone (1114): Prisma keeps UTC there; read it as written, not as local time.
    types: { getTypeParser: (oid, format) => (oid === 1114 ? raw : pg.types.getTypeParser(oid, format)) },
  });
  await client.connect();
  return {
    kind: "postgresql",
    all: async (sql, params = []) => (await client.query(sql, params)).rows,
    run: async (sql, params = []) => void (await client.query(sql, params)),
    exec: async (sql) => void (await client.query(sql)),
    close: async () => client.end(),
  };
}

/** Each app table with its writable columns ({ name, type }) and the tables it references. */
export async function describeTables(db) {
  const tables = new Map();
  if (db.kind === "sqlite") {
    const names = (await db.all(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)).map((r) => r.name).filter((n) => !SKIP.test(n));
    for (const name of names) {
      const columns = (await db.all(`SELECT name, type FROM pragma_table_info(?)`, [name])).map((c) => ({ name: c.name, type: String(c.type).toUpperCase() }));
      const references = (await db.all(`SELECT "table" FROM pragma_foreign_key_list(?)`, [name])).map((r) => r.table);
      tables.set(name, { columns, references });
    }
  } else {
    const columns = await db.all(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
    );
    for (const c of columns) {
      if (SKIP.test(c.table_name)) continue;
      if (!tables.has(c.table_name)) tables.set(c.table_name, { columns: [], references: [] });
      tables.get(c.table_name).columns.push({ name: c.column_name, type: c.data_type });
    }
    const fks = await db.all(
      `SELECT tc.table_name, ccu.table_name AS referenced FROM information_schema.table_constraints tc
       JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema
       WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`,
    );
    for (const fk of fks) tables.get(fk.table_name)?.references.push(fk.referenced);
  }
  return tables;
}

/** Table names, each after the tables it references. */
export function dependencyOrder(tables) {
  const order = [];
  const placed = new Set();
  const visit = (name, path = new Set()) => {
    if (placed.has(name) || path.has(name)) return;
    path.add(name);
    for (const ref of tables.get(name)?.references ?? []) if (ref !== name) visit(ref, path);
    placed.add(name);
    order.push(name);
  };
  for (const name of [...tables.keys()].sort()) visit(name);
  return order;
}

/** The SQLite full-text index rebuilt from KnowledgePiece's rows (same rowids, same terms as the triggers write). */
export async function rebuildSqliteSearch(db) {
  const [fts] = await db.all(`SELECT name FROM sqlite_master WHERE name = 'KnowledgePieceFts'`);
  if (!fts) return 0;
  await db.exec(`DELETE FROM "KnowledgePieceFts"`);
  await db.exec(`INSERT INTO "KnowledgePieceFts" (rowid, "terms") SELECT rowid, 'zb' || "chatbotId" || ' ' || "terms" FROM "KnowledgePiece"`);
  return Number((await db.all(`SELECT count(*) AS n FROM "KnowledgePieceFts"`))[0].n);
}

export const q = (name) => `"${name.replaceAll('"', '""')}"`;

export async function countRows(db, table) {
  return Number((await db.all(`SELECT count(*) AS n FROM ${q(table)}`))[0].n);
}
