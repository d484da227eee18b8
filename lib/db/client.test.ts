import { expect, it } from "vitest";
import { db } from "./client";

// test:pg must really run on PostgreSQL, and the default suite on a real SQLite file in WAL mode.
it("talks to the database DATABASE_URL names", async () => {
  const url = process.env.DATABASE_URL!;
  if (url.startsWith("file:")) {
    const [{ journal_mode }] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(journal_mode).toBe("wal");
    const [{ timeout }] = await db.$queryRawUnsafe<{ timeout: bigint | number }[]>("PRAGMA busy_timeout");
    expect(Number(timeout)).toBeGreaterThanOrEqual(5000);
  } else {
    const [{ version }] = await db.$queryRawUnsafe<{ version: string }[]>("SELECT version()");
    expect(version).toMatch(/^PostgreSQL/);
  }
});
