import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

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
});
