import "server-only";
import Redis from "ioredis";
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRedis, type IRateLimiterOptions, type RateLimiterAbstract, type RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db/client";
import { env, isPostgres } from "@/lib/env";

// Rate limits (docs/security.md cases 7, 42, 43) with rate-limiter-flexible. Where the counts live:
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
  const lock = { points: e.LOGIN_MAX_FAILURES, duration: e.LOGIN_LOCK_MINUTES * MINUTE, blockDuration: e.LOGIN_LOCK_MINUTES * MINUTE };
  return {
    // Untrusted clients: one budget per resolved account (username and email share it) and address.
    loginAccountIp: createLimiter({ keyPrefix: "login_fail_account", ...lock }),
    // A browser that signed in to the account before (a valid device cookie): a budget of its own.
    loginDevice: createLimiter({ keyPrefix: "login_fail_device", ...lock }),
    loginIpDaily: createLimiter({ keyPrefix: "login_fail_ip_day", points: e.LOGIN_DAILY_FAILURES_PER_IP, duration: DAY, blockDuration: DAY }),
    // Wrong current passwords on a password change, per account (a stolen session cannot guess on).
    passwordChange: createLimiter({ keyPrefix: "password_change_fail", ...lock }),
    registerIp: createLimiter({ keyPrefix: "register_ip", points: e.REGISTER_PER_IP_PER_HOUR, duration: HOUR }),
    registerUnknownIp: createLimiter({ keyPrefix: "register_unknown_ip", points: e.REGISTER_UNKNOWN_IP_PER_HOUR, duration: HOUR }),
    // Password-reset mails: per address asked for (known or not, the same count), per client.
    resetAddress: createLimiter({ keyPrefix: "reset_address", points: e.PASSWORD_RESET_PER_ADDRESS_PER_HOUR, duration: HOUR }),
    resetIp: createLimiter({ keyPrefix: "reset_ip", points: e.PASSWORD_RESET_PER_IP_PER_HOUR, duration: HOUR }),
    resetUnknownIp: createLimiter({ keyPrefix: "reset_unknown_ip", points: e.PASSWORD_RESET_UNKNOWN_IP_PER_HOUR, duration: HOUR }),
    // Mailed-link submissions per client (a token has 256 bits: this only keeps guessing loops cheap).
    linkSubmitIp: createLimiter({ keyPrefix: "link_submit_ip", points: 30, duration: HOUR }),
    verifyMail: createLimiter({ keyPrefix: "verify_mail", points: e.VERIFY_MAIL_PER_USER_PER_HOUR, duration: HOUR }),
    chatUser: createLimiter({ keyPrefix: "chat_user", points: e.CHAT_PER_USER_PER_MINUTE, duration: MINUTE }),
    apiKey: createLimiter({ keyPrefix: "api_key", points: e.API_KEY_REQUESTS_PER_MINUTE, duration: MINUTE }),
    // Tokens that matched no key, per address: spent, they refuse that address before the lookup.
    apiKeyMissIp: createLimiter({ keyPrefix: "api_key_miss_ip", points: e.API_KEY_FAILURES_PER_IP_PER_MINUTE, duration: MINUTE }),
    avatarUpload: createLimiter({ keyPrefix: "avatar_upload", points: e.AVATAR_UPLOADS_PER_USER_PER_HOUR, duration: HOUR }),
    // Public page and widget: per visitor id, per known address, and — when the address is
    // unknown — one bucket per bot shared by all such visitors (a fresh visitor id costs nothing).
    chatVisitor: createLimiter({ keyPrefix: "chat_visitor", points: e.PUBLIC_CHAT_PER_VISITOR_PER_MINUTE, duration: MINUTE }),
    chatVisitorIp: createLimiter({ keyPrefix: "chat_visitor_ip", points: e.PUBLIC_CHAT_PER_IP_PER_MINUTE, duration: MINUTE }),
    chatVisitorUnknownIp: createLimiter({ keyPrefix: "chat_visitor_unknown_ip", points: e.PUBLIC_CHAT_UNKNOWN_IP_PER_MINUTE, duration: MINUTE }),
    // Ratings of replies on the public page and widget: generous for a person, a wall for a loop.
    rateVisitor: createLimiter({ keyPrefix: "rate_visitor", points: VISITOR_RATINGS_PER_MINUTE, duration: MINUTE }),
    rateVisitorAddress: createLimiter({ keyPrefix: "rate_visitor_ip", points: VISITOR_RATINGS_PER_MINUTE * 3, duration: MINUTE }),
  };
}

const all = () => (processWide.chatbotFactoryLimiters ??= buildLimiters());

const waitOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/**
 * Whether consume() rejected because the limit is reached (its result), as opposed to failing.
 * Not `instanceof RateLimiterRes`: the build carries several copies of rate-limiter-flexible,
 * and a result from one copy is no instance of another's class.
 */
export function isLimiterRefusal(value: unknown): value is RateLimiterRes {
  if (typeof value !== "object" || value === null || value instanceof Error) return false;
  const res = value as Record<string, unknown>;
  return typeof res.msBeforeNext === "number" && typeof res.remainingPoints === "number" && typeof res.consumedPoints === "number";
}

/** Takes one point; the seconds to wait when there was none left, else 0. */
async function take(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (error) {
    // consume() rejects with the result once the limit is reached: that is the answer, not an error.
    if (isLimiterRefusal(error)) return waitOf(error);
    throw error;
  }
}

/**
 * Whose login budget an attempt spends: the resolved account (its id, or the identifier as
 * typed when no account has it), the client's address when known, and — when the browser
 * presents a valid device cookie for that account — the device, whose budget replaces the
 * untrusted-client lockout (OWASP's device cookies: an attacker cannot lock the owner out of
 * a browser they have signed in with before).
 */
export type LoginKeys = { account: string; ip: string | null; device: string | null };

const lockOf = ({ account, ip, device }: LoginKeys) => {
  const { loginAccountIp, loginDevice } = all();
  return device ? { limiter: loginDevice, key: device } : { limiter: loginAccountIp, key: `${account}|${ip ?? "?"}` };
};

/** Seconds to wait before this login may be tried again, or 0 when it may be tried now. */
export async function loginRetryAfter(keys: LoginKeys): Promise<number> {
  const { loginIpDaily } = all();
  const lock = lockOf(keys);
  const [account, daily] = await Promise.all([lock.limiter.get(lock.key), keys.ip ? loginIpDaily.get(keys.ip) : null]);
  const blocked = [
    [account, lock.limiter.points],
    [daily, loginIpDaily.points],
  ] as const;
  const waits = blocked.filter(([res, points]) => res && res.consumedPoints >= points).map(([res]) => waitOf(res as RateLimiterRes));
  return waits.length ? Math.max(...waits) : 0;
}

/**
 * Takes one attempt for this login before the password is checked: concurrent attempts each take
 * one, so a burst cannot slip more password checks past the limit. Seconds to wait, or 0.
 */
export async function reserveLoginAttempt(keys: LoginKeys): Promise<number> {
  const { loginIpDaily } = all();
  const lock = lockOf(keys);
  const waits = await Promise.all([take(lock.limiter, lock.key), keys.ip ? take(loginIpDaily, keys.ip) : 0]);
  return Math.max(...waits);
}

/** An attempt that was reserved but never checked (the server was busy) is given back. */
export async function releaseLoginAttempt(keys: LoginKeys) {
  const { loginIpDaily } = all();
  const lock = lockOf(keys);
  await Promise.all([lock.limiter.reward(lock.key, 1), keys.ip ? loginIpDaily.reward(keys.ip, 1) : null]);
}

/** A successful login gives its attempts back: its lock's, and the address's (one per step: two with a second factor). */
export async function recordLoginSuccess(keys: LoginKeys, steps = 1) {
  const { loginIpDaily } = all();
  const lock = lockOf(keys);
  await Promise.all([lock.limiter.delete(lock.key), keys.ip ? loginIpDaily.reward(keys.ip, steps) : null]);
}

/** One password-change attempt for this account, taken before the current password is checked: seconds to wait, or 0. */
export async function reservePasswordChange(userId: string): Promise<number> {
  return take(all().passwordChange, userId);
}

/** An attempt that was not a guess (the check did not run) is given back. */
export async function releasePasswordChange(userId: string) {
  await all().passwordChange.reward(userId, 1);
}

/** A password change that succeeded forgets the account's failed attempts. */
export async function recordPasswordChangeSuccess(userId: string) {
  await all().passwordChange.delete(userId);
}

/**
 * One registration: per address when it is known; when it is not (no trusted proxy), from one
 * bucket shared by every such client. Seconds to wait, or 0.
 */
export async function takeRegistration(ip: string | null): Promise<number> {
  return ip ? take(all().registerIp, ip) : take(all().registerUnknownIp, "all");
}

/** One chat message from this user: seconds to wait, or 0. */
export async function takeChatMessage(userId: string): Promise<number> {
  return take(all().chatUser, userId);
}

/** One HTTP API request with this key, whatever the endpoint: seconds to wait, or 0. */
export async function takeApiRequest(keyId: string): Promise<number> {
  return take(all().apiKey, keyId);
}

/** Where an address's unknown-key budget is counted: its own, or one bucket for every unknown address. */
const missKey = (ip: string | null) => (ip ? `ip:${ip}` : "unknown");

/** Seconds this address must wait before any key it presents is looked up again (its unknown keys spent the budget), else 0. */
export async function apiKeyMissWait(ip: string | null): Promise<number> {
  const { apiKeyMissIp } = all();
  const res = await apiKeyMissIp.get(missKey(ip));
  return res && res.consumedPoints >= apiKeyMissIp.points ? waitOf(res) : 0;
}

/** A token from this address matched no key (a database read spent): seconds to wait when that was the last one allowed, else 0. */
export async function takeApiKeyMiss(ip: string | null): Promise<number> {
  return take(all().apiKeyMissIp, missKey(ip));
}

/** One bot picture upload by this user: seconds to wait, or 0. */
export async function takeAvatarUpload(userId: string): Promise<number> {
  return take(all().avatarUpload, userId);
}

/**
 * One message from an anonymous visitor of a public page or widget: it spends the visitor's
 * budget and the address's (or, when the address is unknown, the bot's shared bucket for unknown
 * addresses). Seconds to wait when either is spent, else 0.
 */
export async function takeVisitorMessage({ visitorId, ip, botId }: { visitorId: string; ip: string | null; botId: string }): Promise<number> {
  const { chatVisitor, chatVisitorIp, chatVisitorUnknownIp } = all();
  const waits = await Promise.all([take(chatVisitor, visitorId), ip ? take(chatVisitorIp, ip) : take(chatVisitorUnknownIp, botId)]);
  return Math.max(...waits);
}

/** A visitor's ratings a minute (an address may rate as much as three visitors). */
export const VISITOR_RATINGS_PER_MINUTE = 30;

/** One rating by an anonymous visitor: it spends the visitor's budget and the address's (unknown: the bot's). Seconds to wait, or 0. */
export async function takeVisitorRating({ visitorId, ip, botId }: { visitorId: string; ip: string | null; botId: string }): Promise<number> {
  const { rateVisitor, rateVisitorAddress } = all();
  const waits = await Promise.all([take(rateVisitor, visitorId), take(rateVisitorAddress, ip ?? `bot:${botId}`)]);
  return Math.max(...waits);
}

/**
 * One password-reset request: it spends the address's budget (the same whether an account has it
 * or not) and the client's (or, address unknown, the shared bucket). Seconds to wait, or 0.
 */
export async function takePasswordResetRequest(email: string, ip: string | null): Promise<number> {
  const { resetAddress, resetIp, resetUnknownIp } = all();
  const waits = await Promise.all([take(resetAddress, email.trim().toLowerCase()), ip ? take(resetIp, ip) : take(resetUnknownIp, "all")]);
  return Math.max(...waits);
}

/** One submission of a mailed link (a reset or a verification), per client: seconds to wait, or 0. */
export async function takeAccountLinkSubmit(ip: string | null): Promise<number> {
  return take(all().linkSubmitIp, ip ?? "unknown");
}

/** One verification mail asked for by this user: seconds to wait, or 0. */
export async function takeVerificationMail(userId: string): Promise<number> {
  return take(all().verifyMail, userId);
}
