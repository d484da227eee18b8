import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { db, uniqueViolation } from "./client";

// test:pg must really run on PostgreSQL, and the default suite on a real SQLite file in WAL mode.
it("talks to the database DATABASE_URL names", async () => {
  const url = process.env.DATABASE_URL!;
  if (url.startsWith("file:")) {
    const [{ journal_mode }] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(journal_mode).toBe("wal");
    const [{ timeout }] = await db.$queryRawUnsafe<{ timeout: bigint | number }[]>("PRAGMA busy_timeout");
    expect(Number(timeout)).toBeGreaterThanOrEqual(5000);
    // NORMAL (1): commits do not wait for fsync; safe in WAL mode.
    const [{ synchronous }] = await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    expect(Number(synchronous)).toBe(1);
  } else {
    const [{ version }] = await db.$queryRawUnsafe<{ version: string }[]>("SELECT version()");
    expect(version).toMatch(/^PostgreSQL/);
  }
});

// libSQL's client would open a fresh connection (busy timeout 0) after each transaction; ours
// keeps its one connection (lib/db/sqlite-adapter.ts), and a failed transaction leaves it usable.
it.runIf(process.env.DATABASE_URL!.startsWith("file:"))("keeps the busy timeout across transactions, committed or rolled back", async () => {
  const name = `tx_${Date.now()}`;
  await db.$transaction(async (tx) => tx.user.create({ data: { username: name, email: `${name}@example.test` } }));
  await expect(
    db.$transaction(async (tx) => {
      await tx.user.create({ data: { username: `${name}_b`, email: `${name}_b@example.test` } });
      throw new Error("undo");
    }),
  ).rejects.toThrow("undo");
  expect(await db.user.count({ where: { username: { startsWith: name } } })).toBe(1);
  const [{ timeout }] = await db.$queryRawUnsafe<{ timeout: bigint | number }[]>("PRAGMA busy_timeout");
  expect(Number(timeout)).toBe(5000);
});

// 100 writes issued at once through the app's client all land, none refused.
// (Within one process SQLite writes are serialised on its one connection; several processes
// on one file rely on the WAL mode and busy timeout asserted above: the next test.)
it("takes 100 concurrent writes without losing one", async () => {
  const owner = await db.user.create({ data: { username: `writer_${Date.now()}`, email: `writer_${Date.now()}@example.test` }, select: { id: true } });
  const results = await Promise.allSettled(
    Array.from({ length: 100 }, (_, i) => db.chatbot.create({ data: { ownerId: owner.id, name: `Bot ${i}` }, select: { id: true } })),
  );
  expect(results.filter((r) => r.status === "rejected")).toEqual([]);
  expect(await db.chatbot.count({ where: { ownerId: owner.id } })).toBe(100);
});

it("takes 100 concurrent writes from four processes at once, none refused as busy", async () => {
  const owner = await db.user.create({ data: { username: `procs_${Date.now()}`, email: `procs_${Date.now()}@example.test` }, select: { id: true } });
  const run = promisify(execFile);
  const outputs = await Promise.all(
    Array.from({ length: 4 }, () =>
      run(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/testing/write-worker.ts", owner.id, "25"], { env: process.env }),
    ),
  );
  const failures = outputs.flatMap(({ stdout }) => JSON.parse(stdout.trim().split("\n").pop()!).failures);
  expect(failures).toEqual([]);
  expect(await db.chatbot.count({ where: { ownerId: owner.id } })).toBe(100);
}, 60_000);

// The race past our own "is it taken?" check ends in the database's unique index: Prisma's P2002,
// whose fields come from the driver adapter's error (libSQL's or pg's message).
it("reports which unique field a write collided on", async () => {
  const name = `unique_${Date.now()}`;
  await db.user.create({ data: { username: name, email: `${name}@example.test` } });
  const sameName = await db.user.create({ data: { username: name, email: `${name}.2@example.test` } }).catch((e: unknown) => e);
  const sameEmail = await db.user.create({ data: { username: `${name}_2`, email: `${name}@example.test` } }).catch((e: unknown) => e);
  expect(uniqueViolation(sameName)?.join()).toMatch(/username/);
  expect(uniqueViolation(sameName)?.join()).not.toMatch(/email/);
  expect(uniqueViolation(sameEmail)?.join()).toMatch(/email/);
  expect(uniqueViolation(new Error("other"))).toBeNull();
});
