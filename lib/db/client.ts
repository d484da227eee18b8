import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { env, isPostgres } from "@/lib/env";
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { sqliteAdapter, type SharedConnection } from "./sqlite-adapter";
import { countStatement } from "./statement-count";

// Both clients are generated and bundled, so one build serves whichever database DATABASE_URL
// names. Their model APIs are the same; the SQLite client's types stand for both.
export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function createDb(): Db {
  const { DATABASE_URL: url, BENCH_COUNT_STATEMENTS: counted } = env();
  const log = counted ? [{ emit: "event" as const, level: "query" as const }] : [];
  let client: Db;
  if (isPostgres(url)) {
    client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }), log }) as unknown as Db;
  } else {
    const file = url.replace(/^file:/, "");
    mkdirSync(path.dirname(file), { recursive: true });
    // libSQL, one connection per process with a 5 s busy timeout (./sqlite-adapter.ts). WAL is
    // set by db:migrate and kept by the file.
    client = new PrismaClient({ adapter: sqliteAdapter(url, sharedSqlite(url)), log });
  }
  if (counted) (client as unknown as { $on(event: "query", listener: (e: { query: string }) => void): void }).$on("query", (e) => countStatement(e.query));
  return client;
}

const globalForDb = globalThis as unknown as { chatbotFactoryDb?: Db; chatbotFactorySqlite?: SharedConnection };
export const db: Db = (globalForDb.chatbotFactoryDb ??= createDb());

/** The SQLite connection Prisma uses, which lib/db/direct.ts shares. */
export function sharedSqlite(url: string): SharedConnection {
  return (globalForDb.chatbotFactorySqlite ??= { url });
}

/** A case-insensitive `contains` filter: SQLite's LIKE already is; PostgreSQL needs the mode. */
export function containsText(query: string) {
  return isPostgres(env().DATABASE_URL)
    ? ({ contains: query, mode: "insensitive" } as { contains: string })
    : { contains: query };
}

type UniqueMeta = {
  target?: unknown;
  driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } };
};

/**
 * Prisma's unique-constraint violation, which a race past our own check can still raise: the
 * fields (or index name) it names, [] when it names none. With a driver adapter Prisma 6.19 leaves
 * `meta.target` out; the adapter's error carries them (libSQL's and pg's alike).
 */
export function uniqueViolation(error: unknown): string[] | null {
  if (typeof error !== "object" || error === null || (error as { code?: string }).code !== "P2002") return null;
  const meta = (error as { meta?: UniqueMeta }).meta;
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  const target = meta?.target ?? constraint?.fields ?? constraint?.index;
  return Array.isArray(target) ? target.map(String) : typeof target === "string" ? [target] : [];
}
