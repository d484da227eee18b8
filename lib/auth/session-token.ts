import "server-only";
import { createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { calculateJwkThumbprint, base64url } from "jose";

// Reads a session token as Auth.js's own `decode` (@auth/core/jwt) does — a compact JWE, "dir"
// key management, A256CBC-HS512 (RFC 7518 §5.2) under a key derived from AUTH_SECRET by
// HKDF-SHA256 — with the key derived once per secret and cookie name and Node's synchronous
// HMAC and AES instead of WebCrypto's queued jobs: together they were a tenth of a signed-in
// chat message's CPU. Tokens are still written by Auth.js; session-token.test.ts reads its.

const CLOCK_TOLERANCE_S = 15;
type Key = { mac: Buffer; enc: Buffer; kid: Promise<string> };
const keys = new Map<string, Key>();

function keyFor(secret: string, salt: string): Key {
  const id = `${salt}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    const bits = Buffer.from(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    key = { mac: bits.subarray(0, 32), enc: bits.subarray(32), kid: calculateJwkThumbprint({ kty: "oct", k: base64url.encode(bits) }, "sha512") };
    keys.set(id, key);
    if (keys.size > 8) keys.delete(keys.keys().next().value!); // a handful of secrets at most
  }
  return key;
}

/** The token's claims, or null when it is not one of ours (forged, foreign, expired or unreadable). */
export async function decodeSessionToken(token: string, secret: string, salt: string): Promise<Record<string, unknown> | null> {
  try {
    const parts = token.split(".");
    if (parts.length !== 5 || parts[1] !== "") return null; // "dir": no encrypted key
    const [protectedHeader, , ivText, ciphertextText, tagText] = parts;
    const header = JSON.parse(Buffer.from(protectedHeader, "base64url").toString("utf8")) as { alg?: string; enc?: string; kid?: string; zip?: string };
    if (header.alg !== "dir" || header.enc !== "A256CBC-HS512" || header.zip !== undefined) return null;
    const key = keyFor(secret, salt);
    if (header.kid !== undefined && header.kid !== (await key.kid)) return null;
    const iv = Buffer.from(ivText, "base64url");
    const ciphertext = Buffer.from(ciphertextText, "base64url");
    const tag = Buffer.from(tagText, "base64url");
    // The tag: HMAC-SHA-512 over AAD ‖ IV ‖ ciphertext ‖ AAD length in bits (64-bit big-endian), first half.
    const aad = Buffer.from(protectedHeader, "ascii");
    const aadBits = Buffer.alloc(8);
    aadBits.writeBigUInt64BE(BigInt(aad.length * 8));
    const expected = createHmac("sha512", key.mac).update(aad).update(iv).update(ciphertext).update(aadBits).digest().subarray(0, 32);
    if (iv.length !== 16 || tag.length !== expected.length || !timingSafeEqual(tag, expected)) return null;
    const decipher = createDecipheriv("aes-256-cbc", key.enc, iv);
    const claims = JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8")) as Record<string, unknown>;
    if (typeof claims !== "object" || claims === null) return null;
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp === "number" && claims.exp <= now - CLOCK_TOLERANCE_S) return null;
    if (typeof claims.nbf === "number" && claims.nbf > now + CLOCK_TOLERANCE_S) return null;
    return claims;
  } catch {
    return null;
  }
}
