import "server-only";
import { availableParallelism } from "node:os";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, databaseKind } from "@/scripts/db-url.mjs";
import { parseAllowedHostPorts } from "@/lib/http/safe-fetch";
import { modelPricesValid } from "@/lib/analytics/prices";

const knownDatabase = (url: string) => {
  try {
    return !!databaseKind(url);
  } catch {
    return false;
  }
};

// The one place configuration is read. Every variable is documented in .env.example.
const schema = z.object({
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine(knownDatabase, "must start with file: (SQLite) or postgresql:// (PostgreSQL)"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (npm run dev writes one into .env)").optional(),
  // Older AUTH_SECRETs (comma-separated), read only to open authenticator secrets encrypted
  // before a rotation (lib/auth/secret-box.ts); each is re-encrypted under AUTH_SECRET when used.
  AUTH_SECRET_PREVIOUS: z
    .string()
    .optional()
    .refine((raw) => !raw || raw.split(",").every((s) => s.trim().length >= 32), "each secret must be at least 32 characters"),
  // true: administrators must switch on two-factor sign-in before they reach /admin.
  REQUIRE_ADMIN_2FA: z.stringbool().default(false),
  // The public URL behind a proxy or on a custom domain: Auth.js reads it too.
  AUTH_URL: z.url().optional(),
  SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  // Without "Remember me", a session also ends after this long without a request.
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // LLM providers: each is offered in the bot form only when configured. Keys stay on the server.
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.url().optional(),
  GEMINI_API_KEY: z.string().optional(),
  GEMINI_BASE_URL: z.url().optional(),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: z.url().optional(),
  AI_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  // Optional embeddings for knowledge search (lib/knowledge/embed.ts), with the provider's key and
  // URL above; unset: full-text search only. The model defaults to text-embedding-3-small (openai)
  // or gemini-embedding-001 (gemini). Time per indexing request, and per visitor message.
  EMBEDDING_PROVIDER: z.enum(["openai", "gemini"]).optional(),
  EMBEDDING_MODEL: z.string().min(1).optional(),
  EMBEDDING_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  EMBEDDING_QUERY_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1500),
  // Cosine a piece must reach to join a search by meaning alone (it depends on the model).
  EMBEDDING_MIN_SIMILARITY: z.coerce.number().min(-1).max(1).default(0.3),
  // Login limits: failed attempts for one account from one address, then a wait; and failed
  // attempts from one address per day. The address comes from X-Forwarded-For only behind
  // this many trusted proxies (0: no proxy, the header is ignored).
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  LOGIN_DAILY_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(100),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Accounts created per address per hour (only when the address is known, see above), and
  // chat messages per signed-in user per minute.
  REGISTER_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  // Accounts created per hour by all clients whose address is unknown, together.
  REGISTER_UNKNOWN_IP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(60),
  CHAT_PER_USER_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  // Requests one API key may make per minute, over every /api/v1 endpoint.
  API_KEY_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  // Bearer tokens that match no key, per client address (or, address unknown, all such clients together).
  API_KEY_FAILURES_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(20),
  // Bot pictures one user may upload per hour (each is decoded and re-encoded).
  AVATAR_UPLOADS_PER_USER_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20),
  // Benchmarks only: serves /api/bench/bare (routes doing nothing of ours, to compare against),
  // and counts every database statement. Never in a deployment.
  BENCH_BARE_ROUTE: z.stringbool().default(false),
  BENCH_COUNT_STATEMENTS: z.stringbool().default(false),
  // Public page and widget: messages per visitor (a random id in their browser) per minute, per
  // known address per minute, and per bot per minute from all visitors whose address is unknown.
  PUBLIC_CHAT_PER_VISITOR_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  PUBLIC_CHAT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  PUBLIC_CHAT_UNKNOWN_IP_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  // The daily message quota a new bot starts with (its owner can raise or remove it); 0: none.
  DEFAULT_DAILY_MESSAGE_QUOTA: z.coerce.number().int().min(0).max(1_000_000).default(500),
  // Password checks (bcrypt) run on this many worker threads; beyond this many checks waiting
  // for a thread, a login is answered 503 with Retry-After instead of queueing.
  PASSWORD_HASH_THREADS: z.coerce.number().int().min(1).max(64).default(Math.max(1, Math.min(4, availableParallelism() - 1))),
  PASSWORD_CHECKS_MAX_WAITING: z.coerce.number().int().min(0).max(10_000).default(16),
  // Where the limits count: Redis when set (shared by every instance), else the database when it
  // is PostgreSQL, else memory (one instance).
  // A Server-Timing header on chat replies with the time of each step of the pipeline (for profiling).
  SERVER_TIMING: z.stringbool().default(false),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
  // Background jobs (lib/jobs): how often a server's worker looks for due jobs; 0: no worker in
  // the process (serverless: requests start jobs with after() and the cron route finishes them).
  JOBS_POLL_SECONDS: z.coerce.number().min(0).max(3600).default(2),
  // Audit events older than this many days are deleted by the periodic cleanup (lib/jobs/cleanup.ts); 0: kept forever.
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(180),
  // Analytics' cost estimate: JSON of "provider/model": [input, output] US dollars per million
  // tokens, over the built-in list (lib/analytics/prices.ts), e.g. {"openai/gpt-4o-mini":[0.15,0.6]}.
  MODEL_PRICES: z.string().optional().refine(modelPricesValid, 'must be JSON like {"openai/gpt-4o-mini":[0.15,0.6]} (dollars per million input and output tokens)'),
  // Server log lines: plain text, or one JSON object per line (lib/ops/log.ts).
  LOG_FORMAT: z.enum(["text", "json"]).default("text"),
  // The bearer token /api/cron requires (Vercel Cron sends it); unset: the route answers 401.
  CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  // Outgoing mail (lib/mail): an SMTP server as smtp://user:pass@host:587 (STARTTLS when offered)
  // or smtps://…:465; unset: mail is kept in the outbox admins read at /admin/mail, and nothing
  // waits for an address to be verified. MAIL_FROM is the sender.
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, "must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().min(3).max(320).default("ChatBot Factory <no-reply@localhost>"),
  // Password-reset mails asked for per address and per client address per hour (clients whose
  // address is unknown share one bucket), and verification mails a signed-in user may ask for per hour.
  PASSWORD_RESET_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(3),
  PASSWORD_RESET_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  PASSWORD_RESET_UNKNOWN_IP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(60),
  VERIFY_MAIL_PER_USER_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(3),
  // Knowledge sources: size per uploaded file, total of a bot's files and texts, pages per PDF,
  // and pages per crawled site (the site form's cap cannot go above it).
  KNOWLEDGE_MAX_FILE_MB: z.coerce.number().min(0.01).max(1024).default(10),
  KNOWLEDGE_MAX_BOT_MB: z.coerce.number().min(0.01).max(100_000).default(50),
  KNOWLEDGE_MAX_PDF_PAGES: z.coerce.number().int().min(1).max(100_000).default(500),
  KNOWLEDGE_MAX_SITE_PAGES: z.coerce.number().int().min(1).max(10_000).default(50),
  // Tests only: exact host:port pairs (local test servers) that fetching a web source may reach
  // although their address is private. Read by lib/http/safe-fetch.ts on each fetch; checked here.
  UNSAFE_FETCH_ALLOW_HOSTS: z
    .string()
    .optional()
    .refine((raw) => {
      try {
        parseAllowedHostPorts(raw);
        return true;
      } catch {
        return false;
      }
    }, "must be a comma list of exact host:port pairs (tests only), e.g. 127.0.0.1:4567"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}

export const isPostgres = (url: string) => databaseKind(url) === "postgresql";
