import "server-only";
import { AppError, type ErrorCode, type FieldErrors } from "@/lib/errors";

// Route handlers answer a refusal the same way everywhere: `{ code, fieldErrors?, retryAfter? }`
// with the status its code means, and `Retry-After` when there is a wait.

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_data: 400,
  message_too_long: 400,
  unauthenticated: 401,
  origin_refused: 403,
  not_found: 404,
  bot_inactive: 409,
  rate_limited: 429,
  too_many_requests: 429,
  quota_exceeded: 429,
  server_error: 500,
};

export function problem(code: ErrorCode, { fieldErrors, retryAfter }: { fieldErrors?: FieldErrors; retryAfter?: number } = {}): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (retryAfter) headers["Retry-After"] = String(retryAfter);
  return Response.json({ code, ...(fieldErrors ? { fieldErrors } : {}), ...(retryAfter ? { retryAfter } : {}) }, { status: STATUS[code] ?? 400, headers });
}

/** An expected failure as its code; anything else logged in full and answered as a generic 500. */
export function problemFrom(error: unknown): Response {
  if (error instanceof AppError) return problem(error.code, { fieldErrors: error.fieldErrors, retryAfter: error.retryAfter });
  console.error(error);
  return problem("server_error");
}
