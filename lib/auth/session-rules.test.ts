import { describe, expect, it } from "vitest";
import { sessionVerdict, type SessionRow } from "./session-rules";

// A fake clock: every time is minutes after a fixed login.
const LOGIN = Date.UTC(2026, 0, 1, 9, 0, 0);
const at = (minutes: number) => LOGIN + minutes * 60_000;
const IDLE = 60;

function session({ remember, lastUse = 0, hours }: { remember: boolean; lastUse?: number; hours: number }) {
  const row: SessionRow = { userId: "u1", expires: new Date(at(hours * 60)), updatedAt: new Date(at(lastUse)), user: { isActive: true, sessionVersion: 3 } };
  return { row, claims: { uid: "u1", sv: 3, remember } };
}

describe("session rules", () => {
  it("without Remember me: ends after the idle limit, and at the absolute limit however busy", () => {
    const { row, claims } = session({ remember: false, hours: 12 });
    expect(sessionVerdict(row, claims, at(0.5), IDLE)).toBe("ok");
    expect(sessionVerdict(row, claims, at(59), IDLE)).toBe("touch");
    expect(sessionVerdict(row, claims, at(61), IDLE)).toBe("ended");
    // Used a minute ago, but past its 12 hours.
    const busy = { ...row, updatedAt: new Date(at(12 * 60 - 1)) };
    expect(sessionVerdict(busy, claims, at(12 * 60 - 0.5), IDLE)).toBe("ok");
    expect(sessionVerdict(busy, claims, at(12 * 60 + 1), IDLE)).toBe("ended");
  });

  it("with Remember me: 30 days, idle or not", () => {
    const { row, claims } = session({ remember: true, hours: 30 * 24 });
    expect(sessionVerdict(row, claims, at(29 * 24 * 60), IDLE)).toBe("touch");
    expect(sessionVerdict(row, claims, at(30 * 24 * 60 + 1), IDLE)).toBe("ended");
  });

  it("ends for a missing row, another user, a deactivated account or a moved-on session version", () => {
    const { row, claims } = session({ remember: true, hours: 24 });
    expect(sessionVerdict(null, claims, at(1), IDLE)).toBe("ended");
    expect(sessionVerdict(row, { ...claims, uid: "u2" }, at(1), IDLE)).toBe("ended");
    expect(sessionVerdict({ ...row, user: { isActive: false, sessionVersion: 3 } }, claims, at(1), IDLE)).toBe("ended");
    expect(sessionVerdict({ ...row, user: { isActive: true, sessionVersion: 4 } }, claims, at(1), IDLE)).toBe("ended");
    expect(sessionVerdict(row, claims, at(1), IDLE)).toBe("ok");
  });
});
