import { encode } from "@auth/core/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken } from "./session-token";

const secret = "session-token-test-secret-session-token-test";
const salt = "authjs.session-token";
const claims = { uid: "user-1", sid: "session-1", sv: 3, remember: true };

describe("reading the session token Auth.js wrote", () => {
  it("gives the claims of a token Auth.js encoded, again and again with the key kept", async () => {
    const token = await encode({ token: claims, secret, salt });
    expect(await decodeSessionToken(token, secret, salt)).toMatchObject(claims);
    expect(await decodeSessionToken(token, secret, salt)).toMatchObject(claims);
  });

  it("refuses a token under another secret or cookie name, an expired or a tampered one", async () => {
    const token = await encode({ token: claims, secret, salt });
    expect(await decodeSessionToken(token, `${secret}-rotated`, salt)).toBeNull();
    expect(await decodeSessionToken(token, secret, `__Secure-${salt}`)).toBeNull();
    expect(await decodeSessionToken(await encode({ token: claims, secret, salt, maxAge: -60 }), secret, salt)).toBeNull();
    const parts = token.split(".");
    parts[3] = `${parts[3].slice(0, -2)}${parts[3].endsWith("AA") ? "BB" : "AA"}`;
    expect(await decodeSessionToken(parts.join("."), secret, salt)).toBeNull();
    expect(await decodeSessionToken("not-a-token", secret, salt)).toBeNull();
    // A header changed (it is authenticated too), a tag cut short, another algorithm claimed.
    const header = JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString());
    const withHeader = (h: object) => [Buffer.from(JSON.stringify(h)).toString("base64url"), ...token.split(".").slice(1)].join(".");
    expect(await decodeSessionToken(withHeader({ ...header, kid: "another" }), secret, salt)).toBeNull();
    expect(await decodeSessionToken(withHeader({ ...header, extra: 1 }), secret, salt)).toBeNull();
    expect(await decodeSessionToken(withHeader({ ...header, enc: "A256GCM" }), secret, salt)).toBeNull();
    const cut = token.split(".");
    cut[4] = cut[4].slice(0, 10);
    expect(await decodeSessionToken(cut.join("."), secret, salt)).toBeNull();
  });
});
