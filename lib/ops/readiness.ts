import "server-only";
import Redis from "ioredis";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

// What /api/ready asks: the database answers `SELECT 1`, and Redis answers PING when REDIS_URL is
// set. Each check is bounded so a hung dependency makes the answer "not ready", not a hung probe.

export type Readiness = { ready: boolean; checks: { database: "ok" | "unavailable"; redis?: "ok" | "unavailable" } };

const CHECK_TIMEOUT_MS = 2000;
let redis: Redis | undefined;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function check(name: string, run: () => Promise<unknown>): Promise<"ok" | "unavailable"> {
  try {
    await within(run(), CHECK_TIMEOUT_MS);
    return "ok";
  } catch (error) {
    // The cause goes to the log (the message only: a connection error can quote its URL's host, never a password).
    console.error(`[ready] ${name} unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return "unavailable";
  }
}

export async function readiness(): Promise<Readiness> {
  const url = env().REDIS_URL;
  const [database, redisState] = await Promise.all([
    check("database", () => db.$queryRawUnsafe("SELECT 1")),
    url
      ? check("redis", () => {
          redis ??= new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: CHECK_TIMEOUT_MS, lazyConnect: true }).on("error", () => {});
          return redis.ping();
        })
      : Promise.resolve(undefined),
  ]);
  const checks: Readiness["checks"] = { database, ...(redisState ? { redis: redisState } : {}) };
  return { ready: Object.values(checks).every((state) => state === "ok"), checks };
}
