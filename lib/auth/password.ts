import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { hashPool } from "./hash-pool";

export const BCRYPT_COST = 12;

// bcrypt reads only the first 72 bytes, so two long passwords sharing those bytes would match.
// Hashing the (NFC-normalised) password with SHA-384 first gives bcrypt 64 base64 characters
// that depend on every byte; NFC makes "é" typed on any keyboard the same password.
function prehash(password: string): string {
  return createHash("sha384").update(password.normalize("NFC"), "utf8").digest("base64");
}

/** More password checks are waiting than the server takes: answered 503 with Retry-After. */
export class PasswordChecksBusy extends AppError {
  constructor(retryAfter: number) {
    super("server_busy", undefined, retryAfter);
  }
}

/** bcrypt runs on worker threads (lib/auth/hash-pool.ts), so a burst of logins never stalls other requests. */
const pool = () => {
  const e = env();
  return hashPool({ threads: e.PASSWORD_HASH_THREADS, maxWaiting: e.PASSWORD_CHECKS_MAX_WAITING });
};

async function run(job: Parameters<ReturnType<typeof hashPool>["run"]>[0]) {
  const answer = pool().run(job);
  if (typeof answer === "number") throw new PasswordChecksBusy(answer);
  return answer;
}

/** Seconds a client told "server busy" now should wait: from the checks waiting and the measured time of one. */
export const passwordChecksWait = () => pool().retryAfter();

export async function hashPassword(password: string): Promise<string> {
  return (await run({ op: "hash", password: prehash(password), cost: BCRYPT_COST })) as string;
}

// Compared against when the account does not exist, so both answers take the same time.
// Of a random secret, so no password can ever match it; made once per process, on a worker.
const processWide = globalThis as { chatbotFactoryDummyHash?: Promise<string> };
function dummyHash(): Promise<string> {
  processWide.chatbotFactoryDummyHash ??= pool().hashNow(randomBytes(32).toString("base64"), BCRYPT_COST);
  return processWide.chatbotFactoryDummyHash;
}

/** Whether the password matches the hash; any valid bcrypt hash, whatever its cost. Throws PasswordChecksBusy. */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  return (await run({ op: "compare", password: prehash(password), hash: hash ?? (await dummyHash()) })) as boolean;
}

/** Whether a thrown value is PasswordChecksBusy, from this bundle's copy of this module or another's. */
export const isPasswordChecksBusy = (error: unknown): error is PasswordChecksBusy =>
  error instanceof Error && (error as { code?: unknown }).code === "server_busy" && typeof (error as { retryAfter?: unknown }).retryAfter === "number";
