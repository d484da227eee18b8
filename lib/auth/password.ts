import "server-only";
import { createHash, randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";

export const BCRYPT_COST = 12;

// bcrypt reads only the first 72 bytes, so two long passwords sharing those bytes would match.
// Hashing the (NFC-normalised) password with SHA-384 first gives bcrypt 64 base64 characters
// that depend on every byte; NFC makes "é" typed on any keyboard the same password.
function prehash(password: string): string {
  return createHash("sha384").update(password.normalize("NFC"), "utf8").digest("base64");
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(prehash(password), BCRYPT_COST);
}

// Compared against when the account does not exist, so both answers take the same time.
// Of a random secret, so no password can ever match it.
const DUMMY_HASH = bcrypt.hashSync(randomBytes(32).toString("base64"), BCRYPT_COST);

export function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  return bcrypt.compare(prehash(password), hash ?? DUMMY_HASH);
}
