import "server-only";
import pg from "pg";
import { env, isPostgres } from "@/lib/env";
import { sharedSqlite } from "./client";
import { countStatement } from "./statement-count";
import { connectionOf } from "./sqlite-adapter";

// The chat path's few fixed statements, sent straight to the driver. Through Prisma 6.19 (its
// query compiler runs for every statement) one costs 0.65–0.8 ms of CPU; the same statement on the
// driver 0.04 ms. Only behind the data-layer functions that use it (sessions, conversations,
// usage), written once for both databases — standard SQL with $1… placeholders, each used once
// and in order — and tested on both. Everything else stays on Prisma.

export type Row = Record<string, unknown>;
type Result = { rows: Row[]; count: number };

let pool: pg.Pool | undefined;

/** PostgreSQL: a small pool of its own; `timestamp` columns hold UTC (as Prisma writes them). */
function postgres(url: string) {
  return (pool ??= new pg.Pool({
    connectionString: url,
    max: 4,
    allowExitOnIdle: true,
    types: { getTypeParser: (oid: number, format?: "text" | "binary") => (oid === 1114 ? (v: string) => new Date(`${v.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format as "text")) },
  }));
}

/** A statement's rows and affected-row count. Dates go in as Date, booleans are not parameters. */
export async function sql(text: string, params: unknown[] = []): Promise<Result> {
  const url = env().DATABASE_URL;
  if (env().BENCH_COUNT_STATEMENTS) countStatement(text);
  if (isPostgres(url)) {
    const result = await postgres(url).query(text, params.map((p) => (p instanceof Date ? p.toISOString() : p)));
    return { rows: result.rows, count: result.rowCount ?? 0 };
  }
  const result = await connectionOf(sharedSqlite(url)).execute({
    sql: text.replace(/\$\d+/g, "?"),
    // The text Prisma writes for a DateTime on SQLite, so both compare and sort alike.
    args: params.map((p) => (p instanceof Date ? p.toISOString().replace("Z", "+00:00") : (p as string | number | null))),
  });
  return { rows: result.rows as unknown as Row[], count: result.rowsAffected };
}

/** A column read back as a Date (SQLite returns the stored text). */
export const dateOf = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

type Where = Record<string, string | number | boolean | { in: string[] }>;

/**
 * A scope from ./scopes.ts (flat equalities and `in` lists, nothing else) as an SQL condition, its
 * parameters numbered from `first`: the direct statements keep one definition of who reaches what.
 */
export function whereOf(where: Where, first = 1): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const terms = Object.entries(where).map(([column, value]) => {
    if (!/^\w+$/.test(column)) throw new Error(`not a column: ${column}`);
    if (typeof value === "boolean") return `"${column}" = ${value}`;
    if (typeof value === "string" || typeof value === "number") return (params.push(value), `"${column}" = $${first + params.length - 1}`);
    if (value && Array.isArray(value.in)) {
      if (!value.in.length) return "1 = 0";
      return `"${column}" IN (${value.in.map((v) => (params.push(v), `$${first + params.length - 1}`)).join(", ")})`;
    }
    throw new Error(`a scope the direct statements cannot write: ${column}`);
  });
  return { text: terms.join(" AND ") || "1 = 1", params };
}

/** A boolean column read back (SQLite stores 0 and 1). */
export const booleanOf = (value: unknown) => value === true || value === 1 || value === 1n;
