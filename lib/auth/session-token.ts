import "server-only";
import { hkdf } from "node:crypto";
import { promisify } from "node:util";
import { base64url, calculateJwkThumbprint, jwtDecrypt, type JWTPayload } from "jose";

// Reads a session token as Auth.js's own `decode` (@auth/core/jwt) does — JWE "dir" with
// A256CBC-HS512 under a key derived from AUTH_SECRET by HKDF-SHA256 — but derives that key once
// per secret and cookie name instead of on every request (it was half of a signed-in request's
// session check). Tokens are still written by Auth.js; session-token.test.ts decodes one.

const derive = promisify(hkdf);
type Key = { key: Uint8Array; thumbprint: string };
const keys = new Map<string, Promise<Key>>();

function keyFor(secret: string, salt: string): Promise<Key> {
  const id = `${salt}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = derive("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64).then(async (bits) => {
      const key = new Uint8Array(bits);
      return { key, thumbprint: await calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, "sha512") };
    });
    keys.set(id, key);
    if (keys.size > 8) keys.delete(keys.keys().next().value!); // a handful of secrets at most
  }
  return key;
}

/** The token's claims, or null when it is not one of ours (forged, foreign, expired or unreadable). */
export async function decodeSessionToken(token: string, secret: string, salt: string): Promise<JWTPayload | null> {
  try {
    const { key, thumbprint } = await keyFor(secret, salt);
    const { payload } = await jwtDecrypt(
      token,
      (header) => {
        if (header.kid !== undefined && header.kid !== thumbprint) throw new Error("no matching decryption secret");
        return key;
      },
      { clockTolerance: 15, keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256CBC-HS512"] },
    );
    return payload;
  } catch {
    return null;
  }
}
