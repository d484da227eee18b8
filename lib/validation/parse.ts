import type { z } from "zod";
import { isErrorCode, type ErrorCode, type FieldErrors } from "@/lib/errors";

/** Form data as posted by a plain form, or the object a client form (react-hook-form, components/ui/useZodForm.ts) sends. */
export function toInput(input: unknown): unknown {
  return input instanceof FormData ? Object.fromEntries(input.entries()) : input;
}

/** Every field error, not the first: the code of each field's first problem. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    if (!errors[field]) errors[field] = isErrorCode(issue.message) ? issue.message : "invalid_data";
  }
  return errors;
}

/** Parses input with a form's schema; never throws for bad input. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown) {
  const parsed = schema.safeParse(toInput(input));
  return parsed.success
    ? ({ ok: true, data: parsed.data as z.output<S> } as const)
    : ({ ok: false, code: "invalid_data" as ErrorCode, fieldErrors: fieldErrorsOf(parsed.error) } as const);
}
