// Prisma's SQLite driver adapter: libSQL (`@prisma/adapter-libsql` over `@libsql/client`'s local
// file client, whose native part is the `libsql` package: Node-API, a prebuilt binary per platform).
// Used by the app's client (lib/db/client.ts) and by `prisma migrate` (prisma.config.ts), so no
// "@/" imports and no "server-only" here.
import { LibsqlError, createClient, type Client, type Config, type InStatement, type Transaction, type TransactionMode } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

/** SQLite's busy timeout: how long a write waits for another connection's lock before failing. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * One connection per process, with a busy timeout, as the adapter's client.
 *
 * `@libsql/client` 0.8 sets no busy timeout (0: a second writer on the file fails at once with
 * SQLITE_BUSY), and its `transaction()` hands the connection to the transaction and opens a new
 * one for what comes next: that one has no busy timeout either, and the old one stays open until
 * a garbage collection finalises it (thousands of open files after thousands of transactions).
 * Here the pragma is set once, and a transaction is BEGIN … COMMIT on the same connection, as
 * Prisma's better-sqlite3 adapter did. That is safe because the Prisma adapter already holds a
 * mutex from a transaction's start to its end, so nothing else uses the connection meanwhile.
 */
export function singleConnectionClient(inner: Client, busyTimeoutMs = BUSY_TIMEOUT_MS): Client {
  // Held from a transaction's BEGIN to its end. Prisma never runs a statement beside its own
  // transaction; the direct statements (lib/db/direct.ts) share the connection and wait here, so
  // none lands inside someone else's transaction.
  let held: Promise<void> = Promise.resolve();
  // The open transaction's end, so closing the connection never leaves its write lock behind.
  let current: ((sql: "ROLLBACK") => Promise<void>) | null = null;
  // synchronous = NORMAL: in WAL mode a commit is safe from the app crashing and no longer waits
  // for fsync (which was a fifth of a chat message's time); the last commits before a power cut
  // can be lost, the database is never corrupted.
  const ready = inner.execute(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`).then(() => inner.execute("PRAGMA synchronous = NORMAL"));
  ready.catch(() => {}); // reported by the first query that waits for it
  const execute = async (stmt: InStatement) => (await ready, inner.execute(stmt));
  const outside = async (stmt: InStatement) => (await held, execute(stmt));
  // Prisma asks for "deferred"; it gets IMMEDIATE: the write lock is taken (waiting out the busy
  // timeout) at BEGIN, so a transaction that reads and then writes cannot fail with
  // SQLITE_BUSY_SNAPSHOT (which does not wait) when another process wrote in between.
  const begin: Record<TransactionMode, string> = { write: "BEGIN IMMEDIATE", read: "BEGIN TRANSACTION READONLY", deferred: "BEGIN IMMEDIATE" };
  return {
    execute: outside as Client["execute"],
    async batch(stmts, mode) {
      await held;
      await ready;
      return inner.batch(stmts, mode);
    },
    async executeMultiple(sql) {
      await ready;
      return inner.executeMultiple(sql);
    },
    async transaction(mode: TransactionMode = "write"): Promise<Transaction> {
      const before = held;
      let release!: () => void;
      held = new Promise((resolve) => (release = resolve));
      await before;
      try {
        await execute(begin[mode]);
      } catch (error) {
        release();
        throw error;
      }
      let finished = false;
      const end = async (sql: "COMMIT" | "ROLLBACK") => {
        if (finished) return;
        finished = true;
        try {
          await inner.execute(sql);
        } catch (error) {
          // Never leave the one connection inside a transaction (a failed COMMIT can).
          if (sql === "COMMIT") await inner.execute("ROLLBACK").catch(() => {});
          throw error;
        } finally {
          current = null;
          release();
        }
      };
      current = end;
      // As @libsql/client's own transactions: nothing runs in one that has ended.
      const open = () => {
        if (finished) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
      };
      return {
        execute: (async (stmt: InStatement) => (open(), execute(stmt))) as Transaction["execute"],
        batch: (stmts) => stmts.reduce<Promise<Awaited<ReturnType<Transaction["batch"]>>>>(async (done, stmt) => [...(await done), (open(), await execute(stmt))], Promise.resolve([])),
        // The client's executeMultiple rolls back an open transaction; Prisma never needs it here.
        executeMultiple: async () => {
          throw new LibsqlError("executeMultiple inside a transaction is not supported here", "TRANSACTION_CLOSED");
        },
        commit: () => end("COMMIT"),
        // SQLite may have rolled back already (some errors do): then ROLLBACK fails harmlessly.
        rollback: () => end("ROLLBACK").catch(() => {}),
        close: () => void end("ROLLBACK").catch(() => {}),
        get closed() {
          return finished;
        },
      };
    },
    sync: () => inner.sync(),
    close: () => {
      if (current) void current("ROLLBACK").catch(() => {}).finally(() => inner.close());
      else inner.close();
    },
    get closed() {
      return inner.closed;
    },
    get protocol() {
      return inner.protocol;
    },
  } as Client;
}

/** The process's connection to a SQLite file, shared by Prisma and the direct statements. */
export type SharedConnection = { url: string; client?: Client };

/** The shared connection, opened on first use (and again if it was closed). */
export function connectionOf(shared: SharedConnection): Client {
  if (!shared.client || shared.client.closed) shared.client = singleConnectionClient(createClient({ url: shared.url }));
  return shared.client;
}

class SingleConnectionLibSQL extends PrismaLibSQL {
  constructor(private readonly shared: SharedConnection) {
    super({ url: shared.url });
  }

  createClient(config: Config): Client {
    // Prisma's shadow database (":memory:") gets a connection of its own.
    return config.url === this.shared.url ? connectionOf(this.shared) : singleConnectionClient(createClient(config));
  }
}

/** The driver adapter for a `file:` DATABASE_URL (relative paths from the working directory). */
export function sqliteAdapter(url: string, shared: SharedConnection = { url }) {
  return new SingleConnectionLibSQL(shared);
}
