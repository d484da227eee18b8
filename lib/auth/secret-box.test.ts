import { afterEach, describe, expect, it, vi } from "vitest";

const OLD = "an old secret an old secret an old secret";
const NEW = "the new secret the new secret the new secret";

async function box(secret: string, previous?: string) {
  vi.resetModules();
  vi.stubEnv("AUTH_SECRET", secret);
  if (previous) vi.stubEnv("AUTH_SECRET_PREVIOUS", previous);
  return import("./secret-box");
}

describe("secret box (AES-256-GCM under a key derived from AUTH_SECRET)", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("opens what it sealed, and nothing altered or sealed for another purpose", async () => {
    const { seal, open } = await box(OLD);
    const sealed = seal("JBSWY3DPEHPK3PXP", "totp");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(open(sealed, "totp")).toEqual({ plaintext: "JBSWY3DPEHPK3PXP", stale: false });
    expect(seal("JBSWY3DPEHPK3PXP", "totp")).not.toBe(sealed); // a fresh IV every time
    expect(open(sealed, "other")).toBeNull();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("x".repeat(16)).toString("base64url");
    expect(open(parts.join("."), "totp")).toBeNull();
  });

  it("after a rotation opens old values only while the old secret is listed in AUTH_SECRET_PREVIOUS, and says they are stale", async () => {
    const sealed = (await box(OLD)).seal("secret", "totp");
    expect((await box(NEW)).open(sealed, "totp")).toBeNull();
    const rotated = await box(NEW, `some other secret of 32 characters at least, ${OLD}`);
    expect(rotated.open(sealed, "totp")).toEqual({ plaintext: "secret", stale: true });
    expect(rotated.open(rotated.seal("secret", "totp"), "totp")).toEqual({ plaintext: "secret", stale: false });
  });
});
