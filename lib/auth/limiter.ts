import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

// Login limiting (SECURITY.md #7, #42), checked before any password hash is compared.
// The counts live in the database (table RateLimiterFlexible), so every app instance shares them.

let limiters: { accountIp: RateLimiterPrisma; ipDaily: RateLimiterPrisma } | undefined;

function loginLimiters() {
  const e = env();
  limiters ??= {
    accountIp: new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimiterFlexible",
      keyPrefix: "login_fail",
      points: e.LOGIN_MAX_FAILURES,
      duration: e.LOGIN_LOCK_MINUTES * 60,
      blockDuration: e.LOGIN_LOCK_MINUTES * 60,
    }),
    ipDaily: new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimiterFlexible",
      keyPrefix: "login_fail_ip_day",
      points: e.LOGIN_DAILY_FAILURES_PER_IP,
      duration: 24 * 60 * 60,
      blockDuration: 24 * 60 * 60,
    }),
  };
  return limiters;
}

/**
 * The client's address: the socket's is not visible to Next handlers, so without a trusted
 * proxy it is unknown; with TRUSTED_PROXY_HOPS = n, the n-th X-Forwarded-For entry from the right.
 */
export function clientIp(headers: Headers): string | null {
  const hops = env().TRUSTED_PROXY_HOPS;
  if (!hops) return null;
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return chain.length >= hops ? chain[chain.length - hops] : null;
}

const accountKey = (identifier: string, ip: string | null) => `${identifier.trim().toLowerCase()}|${ip ?? "?"}`;

/** Seconds to wait before this login may be tried again, or 0 when it may be tried now. */
export async function loginRetryAfter(identifier: string, ip: string | null): Promise<number> {
  const { accountIp, ipDaily } = loginLimiters();
  const [account, daily] = await Promise.all([accountIp.get(accountKey(identifier, ip)), ip ? ipDaily.get(ip) : null]);
  const blocked = [
    [account, accountIp.points],
    [daily, ipDaily.points],
  ] as const;
  const waits = blocked.filter(([res, points]) => res && res.consumedPoints >= points).map(([res]) => Math.ceil((res as RateLimiterRes).msBeforeNext / 1000));
  return waits.length ? Math.max(1, ...waits) : 0;
}

export async function recordLoginFailure(identifier: string, ip: string | null) {
  const { accountIp, ipDaily } = loginLimiters();
  // consume() rejects with the result once the limit is reached: that is the point, not an error.
  const swallow = (e: unknown) => {
    if (!(e instanceof RateLimiterRes)) throw e;
  };
  await Promise.all([accountIp.consume(accountKey(identifier, ip)).catch(swallow), ip ? ipDaily.consume(ip).catch(swallow) : null]);
}

/** A successful login forgets that account's failures from that address. */
export async function recordLoginSuccess(identifier: string, ip: string | null) {
  await loginLimiters().accountIp.delete(accountKey(identifier, ip));
}
