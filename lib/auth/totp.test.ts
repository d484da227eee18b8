import { describe, expect, it } from "vitest";
import { Secret, TOTP } from "otpauth";
import { newTotpSecret, stepAt, totpCode, totpStep, totpUri } from "./totp";

// RFC 6238, Appendix B: the SHA-1 seed "12345678901234567890", 8 digits, at the published times.
const RFC_SECRET = Secret.fromLatin1("12345678901234567890");
const RFC_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it("gives the RFC's published SHA-1 codes at the published times, through the library the app uses", () => {
    const rfc = new TOTP({ algorithm: "SHA1", digits: 8, period: 30, secret: RFC_SECRET });
    for (const [seconds, code] of RFC_VECTORS) {
      expect(rfc.generate({ timestamp: seconds * 1000 }), `T=${seconds}`).toBe(code);
      expect(rfc.validate({ token: code, timestamp: seconds * 1000, window: 0 })).toBe(0);
    }
  });

  it("the app's 6-digit codes are the RFC's codes' last six digits (the same seed, as base32)", () => {
    const base32 = RFC_SECRET.base32;
    for (const [seconds, code] of RFC_VECTORS) {
      expect(totpCode(base32, seconds * 1000)).toBe(code.slice(-6));
      expect(totpStep(base32, code.slice(-6), seconds * 1000)).toBe(stepAt(seconds * 1000));
    }
  });

  it("accepts one step of drift either way and refuses two", () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const step = stepAt(now);
    expect(totpStep(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(totpStep(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(totpStep(secret, totpCode(secret, now - 60_000), now)).toBeNull();
    expect(totpStep(secret, totpCode(secret, now + 60_000), now)).toBeNull();
  });

  it("refuses what is not six digits, and takes spaces inside a code", () => {
    const secret = newTotpSecret();
    const code = totpCode(secret);
    expect(totpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`)).not.toBeNull();
    for (const bad of ["", "12345", "1234567", "abcdef", `${code}0`]) expect(totpStep(secret, bad)).toBeNull();
  });

  it("makes 160-bit secrets and an otpauth URI an app can read", () => {
    const secret = newTotpSecret();
    expect(Secret.fromBase32(secret).bytes.length).toBe(20);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = totpUri(secret, "alice");
    expect(uri).toMatch(/^otpauth:\/\/totp\/ChatBot%20Factory:alice\?/);
    expect(uri).toContain(`secret=${secret}`);
  });
});
