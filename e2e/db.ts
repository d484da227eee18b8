import Database from "libsql";
import pg from "pg";

// Placeholders are $1, $2… in order, each used once (SQLite sees them as ?).
// Direct database access for arranging what the UI cannot do yet (an admin deactivating an
// account, many bots at once). Same URL the e2e server uses.
const url = process.env.E2E_DATABASE_URL || "file:./data/e2e.db";

export async function sql(statement: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice(5));
    // The app's server writes the same file meanwhile: wait for its lock as the app does (libsql's default is 0).
    db.pragma("busy_timeout = 5000");
    try {
      const prepared = db.prepare(statement.replace(/\$\d+/g, "?"));
      const values = params.map((v) => (typeof v === "boolean" ? Number(v) : v instanceof Date ? v.toISOString() : v));
      // One array argument: libsql reads a lone object (or null) argument as named parameters.
      return prepared.reader ? (prepared.all(values) as Record<string, unknown>[]) : (prepared.run(values), []);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement, params)).rows;
  } finally {
    await client.end();
  }
}

export async function userId(username: string) {
  const [row] = await sql(`SELECT id FROM "User" WHERE username = $1`, [username]);
  return String(row.id);
}
