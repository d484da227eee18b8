import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import bcrypt from "bcryptjs";
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PASSWORD_HASH_THREADS = "1";
  process.env.PASSWORD_CHECKS_MAX_WAITING = "2";
});
const { hashPassword, isPasswordChecksBusy, verifyPassword } = await import("./password");

describe("passwords", () => {
  it("are stored as bcrypt with cost 12", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(bcrypt.getRounds(hash)).toBe(12);
    expect(hash).not.toContain("correct horse");
  });

  it("do not match on their first 72 bytes alone", async () => {
    const prefix = "a".repeat(72);
    const hash = await hashPassword(`${prefix}-first`);
    expect(await verifyPassword(`${prefix}-first`, hash)).toBe(true);
    expect(await verifyPassword(`${prefix}-second`, hash)).toBe(false);
  });

  it("work with 64 emoji (256 bytes), and every emoji counts", async () => {
    const password = "😀".repeat(64);
    const hash = await hashPassword(password);
    expect(await verifyPassword(password, hash)).toBe(true);
    expect(await verifyPassword("😀".repeat(63) + "😃", hash)).toBe(false);
  });

  it("are the same however an accented letter was typed (NFC)", async () => {
    const hash = await hashPassword("caf\u00e9 au lait tous les jours");
    expect(await verifyPassword("cafe\u0301 au lait tous les jours", hash)).toBe(true);
  });

  it("never match a missing hash", async () => {
    expect(await verifyPassword("no-such-account", null)).toBe(false);
    expect(await verifyPassword("anything at all here", undefined)).toBe(false);
  });

  it("accept any valid bcrypt hash, whatever its cost (test fixtures use cost 4)", async () => {
    const cheap = bcrypt.hashSync(createHash("sha384").update("fixture password here", "utf8").digest("base64"), 4);
    expect(await verifyPassword("fixture password here", cheap)).toBe(true);
    expect(await verifyPassword("another password here", cheap)).toBe(false);
  });

  it("are checked off the event loop: a burst leaves it free for other requests (finding 2)", async () => {
    const hash = await hashPassword("correct horse battery staple");
    const before = performance.eventLoopUtilization();
    const results = await Promise.all([verifyPassword("wrong guess number one", hash), verifyPassword("correct horse battery staple", hash), verifyPassword("x", null)]);
    const busy = performance.eventLoopUtilization(before);
    expect(results).toEqual([false, true, false]);
    // bcryptjs on the main thread kept it near 1 for the whole burst.
    expect(busy.utilization).toBeLessThan(0.2);
  });

  it("are refused beyond the checks the server takes at once, with a wait (finding 2)", async () => {
    const hash = await hashPassword("correct horse battery staple");
    // One thread, two waiting: of six at once, three are checked and three refused at once.
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => verifyPassword("wrong guess again", hash).then(() => "checked", (error) => (isPasswordChecksBusy(error) ? error.retryAfter : error))),
    );
    expect(outcomes.filter((o) => o === "checked")).toHaveLength(3);
    const waits = outcomes.filter((o) => typeof o === "number");
    expect(waits).toHaveLength(3);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(1);
    // Afterwards the server takes checks again.
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
  });
});
