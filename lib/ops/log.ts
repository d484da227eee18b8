// Server log lines: one line per event, plain text, or JSON with LOG_FORMAT=json. Never a secret,
// a password, an API key or a message body: error messages are scrubbed of every configured
// secret and of anything shaped like a credential, fields whose names say they hold one are
// dropped, and a database error is logged by its code (Prisma's own message quotes the query's
// arguments, which can hold a visitor's message).
// No "server-only" here: instrumentation.ts and scripts load it too.

export type LogLevel = "error" | "warn" | "info";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

const REDACTED = "[redacted]";

/** Field names whose values are never written (a header, a body, a password, a key…). */
const SECRET_FIELD = /pass|secret|token|key|authorization|cookie|credential|content|body|message|prompt|email/i;

/** The configured secrets, matched wherever they appear. */
const SECRET_VARIABLES = ["AUTH_SECRET", "NEXTAUTH_SECRET", "CRON_SECRET", "OPENAI_API_KEY", "GEMINI_API_KEY", "ANTHROPIC_API_KEY"];

function configuredSecrets(): string[] {
  const values = SECRET_VARIABLES.map((name) => process.env[name]).filter((v): v is string => !!v && v.length >= 8);
  // Passwords inside connection URLs.
  for (const name of ["DATABASE_URL", "REDIS_URL", "SMTP_URL"]) {
    try {
      const password = decodeURIComponent(new URL(process.env[name] ?? "").password);
      if (password.length >= 4) values.push(password);
    } catch {
      // not a URL: nothing to take from it
    }
  }
  return values;
}

const SHAPES: [RegExp, string][] = [
  // user:password@ in any URL
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]*@/gi, `$1${REDACTED}@`],
  // Authorization headers and bearer tokens
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // the app's API keys, and providers' (sk-…, AIza…)
  [/\bcbf_[A-Za-z0-9_-]{6,}/g, REDACTED],
  [/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED],
  [/\bAIza[A-Za-z0-9_-]{20,}/g, REDACTED],
  // password=…, "token": "…", secret: … in query strings, JSON and prose
  [/(["']?\b[\w-]*(?:password|passwd|secret|token|api[_-]?key)[\w-]*["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&}]+)/gi, `$1${REDACTED}`],
];

/** `text` with every configured secret and anything shaped like a credential replaced. */
export function redact(text: string): string {
  let out = text;
  for (const secret of configuredSecrets()) out = out.split(secret).join(REDACTED);
  for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
  return out;
}

/** What a log line says about an error: its name and code, a scrubbed message, and where it was thrown. */
export function describeError(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: redact(String(error)).slice(0, 500) };
  const code = (error as { code?: unknown }).code;
  const fields: LogFields = { error: error.name, ...(typeof code === "string" || typeof code === "number" ? { code } : {}) };
  // Prisma's messages quote the arguments of the failed call (a visitor's message, an email): the name, code and model only.
  if (/^Prisma/.test(error.name) || (error as { clientVersion?: unknown }).clientVersion) {
    const model = (error as { meta?: { modelName?: unknown } }).meta?.modelName;
    if (typeof model === "string") fields.model = model;
  } else {
    fields.detail = redact(error.message).replace(/\s+/g, " ").slice(0, 500);
  }
  const at = error.stack?.split("\n").find((line) => /^\s+at /.test(line));
  if (at) fields.at = redact(at.trim().replace(/^at /, "")).slice(0, 300);
  return fields;
}

const safeFields = (fields: LogFields): LogFields =>
  Object.fromEntries(
    Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, SECRET_FIELD.test(name) && !["error", "detail"].includes(name) ? REDACTED : typeof value === "string" ? redact(value) : value]),
  );

/** One log line as it would be written. */
export function formatLine(level: LogLevel, event: string, fields: LogFields = {}, now = new Date()): string {
  const safe = safeFields(fields);
  if (process.env.LOG_FORMAT === "json") return JSON.stringify({ time: now.toISOString(), level, event, ...safe });
  const text = Object.entries(safe)
    .map(([name, value]) => `${name}=${typeof value === "string" && /[\s"=]/.test(value) ? JSON.stringify(value) : value}`)
    .join(" ");
  return `${now.toISOString()} ${level.toUpperCase()} ${event}${text ? ` ${text}` : ""}`;
}

export function log(level: LogLevel, event: string, fields: LogFields = {}) {
  const line = formatLine(level, event, fields);
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/** An error while serving a request: one line with the request's id (the X-Request-Id it was answered with). */
export function logRequestError(event: string, error: unknown, fields: LogFields = {}) {
  void requestContext().then((context) => log("error", event, { ...context, ...fields, ...describeError(error) }));
}

/** The current request's id, method and path (no query string: it can carry a token), when there is a request. */
async function requestContext(): Promise<LogFields> {
  try {
    const { headers } = await import("next/headers");
    const h = await headers();
    return { requestId: h.get("x-request-id") ?? undefined };
  } catch {
    return {};
  }
}
