import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// Small secrets kept at rest (authenticator secrets): AES-256-GCM under a key derived from
// AUTH_SECRET with HKDF-SHA256 and an info string of their own, so the key opens nothing else.
// A sealed value names its key (the first 8 hex digits of SHA-256 of the key), so after a
// rotation the old AUTH_SECRET, listed in AUTH_SECRET_PREVIOUS, still opens what it sealed,
// and `open` says when the value should be sealed again under the current one.

const INFO = "chatbot-factory secret box v1";
type Key = { id: string; bytes: Buffer };
const derived = new Map<string, Key>();

function keyOf(secret: string): Key {
  let key = derived.get(secret);
  if (!key) {
    const bytes = Buffer.from(hkdfSync("sha256", secret, "", INFO, 32));
    key = { id: createHash("sha256").update(bytes).digest("hex").slice(0, 8), bytes };
    derived.set(secret, key);
  }
  return key;
}

/** The current key (from AUTH_SECRET) and the older ones still accepted for opening. */
function keys(): { current: Key; previous: Key[] } {
  const e = env();
  const secret = e.AUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: secrets cannot be sealed");
  const previous = (e.AUTH_SECRET_PREVIOUS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(keyOf);
  return { current: keyOf(secret), previous };
}

/** `v1.<key id>.<iv>.<ciphertext>.<tag>` (base64url), with the purpose bound in as associated data. */
export function seal(plaintext: string, purpose: string): string {
  const { current } = keys();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.bytes, iv);
  cipher.setAAD(Buffer.from(purpose));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", current.id, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The plaintext, and whether it was sealed under an older key (seal it again); null when no key opens it or it was altered. */
export function open(sealed: string, purpose: string): { plaintext: string; stale: boolean } | null {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") return null;
  const [, keyId, iv, ciphertext, tag] = parts;
  const { current, previous } = keys();
  const key = [current, ...previous].find((k) => k.id === keyId);
  if (!key) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
    return { plaintext, stale: key !== current };
  } catch {
    return null;
  }
}
