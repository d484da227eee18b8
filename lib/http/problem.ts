import "server-only";
import { AppError, type ErrorCode, type FieldErrors } from "@/lib/errors";
import { logRequestError } from "@/lib/ops/log";

// Route handlers answer a refusal the same way everywhere: `{ code, fieldErrors?, retryAfter? }`
// with the status its code means, and `Retry-After` when there is a wait.

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_data: 400,
  message_too_long: 400,
  unauthenticated: 401,
  api_key_invalid: 401,
  api_key_revoked: 401,
  api_key_expired: 401,
  origin_refused: 403,
  not_found: 404,
  bot_inactive: 409,
  tests_running: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  too_many_requests: 429,
  quota_exceeded: 429,
  server_error: 500,
  server_busy: 503,
  // A provider's failure, when a whole reply is answered at once (the HTTP API without streaming).
  provider_not_configured: 503,
  provider_unreachable: 502,
  provider_auth: 502,
  provider_rate_limited: 503,
  provider_timeout: 504,
  provider_bad_response: 502,
  provider_error: 502,
  // The reply quoted the bot's instructions (lib/chat/guard.ts): the bot's own rule, not the caller's fault.
  reply_withheld: 502,
};

/** The HTTP status an error code answers with. */
export const statusOf = (code: ErrorCode) => STATUS[code] ?? 400;

export function problem(code: ErrorCode, { fieldErrors, retryAfter }: { fieldErrors?: FieldErrors; retryAfter?: number } = {}): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (retryAfter) headers["Retry-After"] = String(retryAfter);
  return Response.json({ code, ...(fieldErrors ? { fieldErrors } : {}), ...(retryAfter ? { retryAfter } : {}) }, { status: statusOf(code), headers });
}

/** An expected failure as its code; anything else logged in full and answered as a generic 500. */
export function problemFrom(error: unknown): Response {
  if (error instanceof AppError) return problem(error.code, { fieldErrors: error.fieldErrors, retryAfter: error.retryAfter });
  logRequestError("request.failed", error);
  return problem("server_error");
}
