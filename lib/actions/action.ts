import "server-only";
import type { z } from "zod";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { AppError, type ErrorCode, type FieldErrors } from "@/lib/errors";
import { parseInput, toInput } from "@/lib/validation/parse";
import { logRequestError } from "@/lib/ops/log";

export { parseInput };

/**
 * An action's input: the ids the client bound to it (`action.bind(null, botId)`) with the
 * form's values. The schema checks both; a bound id wins over a field of the same name.
 */
export function withIds(ids: Record<string, unknown>, values: unknown = {}) {
  const input = toInput(values);
  return { ...(input && typeof input === "object" && !Array.isArray(input) ? input : {}), ...ids };
}

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; fieldErrors?: FieldErrors; retryAfter?: number };

/** Turns what a data function threw into a result: expected failures by code, the rest logged. */
export function failureOf(error: unknown): ActionResult<never> {
  if (error instanceof AppError) {
    return { ok: false, code: error.code, fieldErrors: error.fieldErrors, ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}) };
  }
  logRequestError("action.failed", error);
  return { ok: false, code: "server_error" };
}

/**
 * The one path of a signed-in server action: the session first (nothing is parsed or written
 * without one), then the form's schema, then the data function with the acting user.
 * Redirects belong to the caller, after this returns.
 */
export async function withUser<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  run: (data: z.output<S>, user: SessionUser) => Promise<T>,
): Promise<ActionResult<T>> {
  const user = await getSessionUser();
  if (!user) return { ok: false, code: "unauthenticated" };
  return parsedRun(schema, input, (data) => run(data, user));
}

/** For the few actions anyone may call (choosing a language): the signed-in user when there is one. */
export async function withOptionalUser<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  run: (data: z.output<S>, user: SessionUser | null) => Promise<T>,
): Promise<ActionResult<T>> {
  const user = await getSessionUser();
  return parsedRun(schema, input, (data) => run(data, user));
}

async function parsedRun<S extends z.ZodType, T>(schema: S, input: unknown, run: (data: z.output<S>) => Promise<T>): Promise<ActionResult<T>> {
  const parsed = parseInput(schema, input);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, data: await run(parsed.data) };
  } catch (error) {
    return failureOf(error);
  }
}
