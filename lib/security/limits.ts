import "server-only";
import Redis from "ioredis";
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRedis, RateLimiterRes, type IRateLimiterOptions, type RateLimiterAbstract } from "rate-limiter-flexible";
import { db } from "@/lib/db/client";
import { env, isPostgres } from "@/lib/env";

// Rate limits (SECURITY.md #7, #42, #43) with rate-limiter-flexible. Where the counts live:
// Redis when REDIS_URL is set, else the database when it is PostgreSQL (both shared by every app
// instance), else this process's memory (SQLite: one instance).

export type LimitStore = "memory" | "database" | "redis";

export function limitStore(): LimitStore {
  const e = env();
  if (e.REDIS_URL) return "redis";
  return isPostgres(e.DATABASE_URL) ? "database" : "memory";
}

/** A limiter factory on the given store. When a shared store fails, this process's memory stands in. */
function limiterFactory(store: LimitStore) {
  let redis: Redis | undefined;
  return (options: IRateLimiterOptions & { keyPrefix: string }): RateLimiterAbstract => {
    if (store === "memory") return new RateLimiterMemory(options);
    const insuranceLimiter = new RateLimiterMemory(options);
    if (store === "database") return new RateLimiterPrisma({ ...options, storeClient: db, tableName: "rateLimiterFlexible", insuranceLimiter });
    if (!redis) {
      // Commands wait for the connection (so the first requests after a start count in Redis too);
      // when Redis stays unreachable they fail after one retry and the insurance limiter answers.
      redis = new Redis(env().REDIS_URL!, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
      // Errors are answered by the insurance limiter; without a listener ioredis would print each.
      redis.on("error", () => {});
    }
    return new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter });
  };
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Next bundles route handlers and pages separately, each with its own copy of this module:
// the limiters live on the process, so a count in memory is one count for every route.
const processWide = globalThis as { chatbotFactoryLimiters?: ReturnType<typeof buildLimiters> };

/** This process's limiters; a second call is what a second app instance would have. */
export function buildLimiters() {
  const e = env();
  const createLimiter = limiterFactory(limitStore());
  return {
    loginAccountIp: createLimiter({
      keyPrefix: "login_fail",
      points: e.LOGIN_MAX_FAILURES,
      duration: e.LOGIN_LOCK_MINUTES * MINUTE,
      blockDuration: e.LOGIN_LOCK_MINUTES * MINUTE,
    }),
    loginIpDaily: createLimiter({ keyPrefix: "login_fail_ip_day", points: e.LOGIN_DAILY_FAILURES_PER_IP, duration: DAY, blockDuration: DAY }),
    registerIp: createLimiter({ keyPrefix: "register_ip", points: e.REGISTER_PER_IP_PER_HOUR, duration: HOUR }),
    chatUser: createLimiter({ keyPrefix: "chat_user", points: e.CHAT_PER_USER_PER_MINUTE, duration: MINUTE }),
  };
}

const all = () => (processWide.chatbotFactoryLimiters ??= buildLimiters());

const waitOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Takes one point; the seconds to wait when there was none left, else 0. */
async function take(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (error) {
    // consume() rejects with the result once the limit is reached: that is the answer, not an error.
    if (error instanceof RateLimiterRes) return waitOf(error);
    throw error;
  }
}

const accountKey = (identifier: string, ip: string | null) => `${identifier.trim().toLowerCase()}|${ip ?? "?"}`;

/** Seconds to wait before this login may be tried again, or 0 when it may be tried now. */
export async function loginRetryAfter(identifier: string, ip: string | null): Promise<number> {
  const { loginAccountIp, loginIpDaily } = all();
  const [account, daily] = await Promise.all([loginAccountIp.get(accountKey(identifier, ip)), ip ? loginIpDaily.get(ip) : null]);
  const blocked = [
    [account, loginAccountIp.points],
    [daily, loginIpDaily.points],
  ] as const;
  const waits = blocked.filter(([res, points]) => res && res.consumedPoints >= points).map(([res]) => waitOf(res as RateLimiterRes));
  return waits.length ? Math.max(...waits) : 0;
}

/**
 * Takes one attempt for this login before the password is checked: concurrent attempts each take
 * one, so a burst cannot slip more password checks past the limit. Seconds to wait, or 0.
 */
export async function reserveLoginAttempt(identifier: string, ip: string | null): Promise<number> {
  const { loginAccountIp, loginIpDaily } = all();
  const waits = await Promise.all([take(loginAccountIp, accountKey(identifier, ip)), ip ? take(loginIpDaily, ip) : 0]);
  return Math.max(...waits);
}

/** A successful login gives its attempts back: that account's from that address, and the address's one. */
export async function recordLoginSuccess(identifier: string, ip: string | null) {
  const { loginAccountIp, loginIpDaily } = all();
  await Promise.all([loginAccountIp.delete(accountKey(identifier, ip)), ip ? loginIpDaily.reward(ip, 1) : null]);
}

/** One registration from this address: seconds to wait, or 0. An unknown address is not limited. */
export async function takeRegistration(ip: string | null): Promise<number> {
  return ip ? take(all().registerIp, ip) : 0;
}

/** One chat message from this user: seconds to wait, or 0. */
export async function takeChatMessage(userId: string): Promise<number> {
  return take(all().chatUser, userId);
}
