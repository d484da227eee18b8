import { AI_ERROR_CODES } from "@/lib/ai/types";
import { EXTRACT_ERROR_CODES, FETCH_ERROR_CODES } from "@/lib/knowledge/error-codes";

// Error codes, never sentences: each becomes the message key `errors.<code>` in every language.
export const ERROR_CODES = [
  "invalid_data",
  "unauthenticated",
  "not_found",
  "invalid_credentials",
  "account_inactive",
  "rate_limited",
  "too_many_requests",
  "admin_self",
  "admin_last",
  "server_error",
  "server_busy",
  "payload_too_large",
  // mailed links (lib/db/account-tokens.ts) and what waits on a verified address
  "reset_link_invalid",
  "verify_link_invalid",
  "email_unverified",
  // two-factor sign-in
  "two_factor_already_on",
  "two_factor_code_invalid",
  "two_factor_setup_required",
  "login_expired",
  // field errors
  "required",
  "too_long",
  "email_invalid",
  "username_invalid",
  "username_taken",
  "email_taken",
  "password_too_short",
  "password_too_long",
  "password_mismatch",
  "password_common",
  "password_incorrect",
  "locale_invalid",
  "number_invalid",
  "number_out_of_range",
  "model_required",
  "provider_unavailable",
  "knowledge_full",
  "csv_invalid",
  "csv_empty",
  "csv_too_many_rows",
  "csv_too_large",
  "csv_not_text",
  "bot_inactive",
  "bot_locked",
  "quota_exceeded",
  "message_too_long",
  // the HTTP API (lib/auth/api-keys.ts) and its keys' form
  "api_key_invalid",
  "api_key_revoked",
  "api_key_expired",
  "api_key_bots_required",
  "origin_invalid",
  // with params { line, text }: the form names the allowed-websites line that is no website
  "origin_invalid_line",
  "origins_required",
  "color_invalid",
  "origin_refused",
  "unsupported_media_type",
  "image_invalid",
  "image_too_large",
  "image_dimensions_too_large",
  // documents and web pages as knowledge: a file's or a page's refusal, shown on its own row
  // (lib/knowledge/error-codes.ts)
  ...EXTRACT_ERROR_CODES,
  "file_empty",
  "knowledge_storage_full",
  ...FETCH_ERROR_CODES,
  // saved test questions (lib/db/bot-tests.ts, lib/chat/test-run.ts) and publishing past them
  "tests_full",
  "tests_none",
  "tests_running",
  "tests_regressed",
  "test_expectation_required",
  // lib/ai's provider failures (lib/ai/types.ts), shown to the person chatting
  ...AI_ERROR_CODES,
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type FieldErrors = Record<string, ErrorCode>;

/** An expected failure that is safe to show the user as its code. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fieldErrors?: FieldErrors,
    /** Seconds until trying again makes sense (limits and quotas). */
    readonly retryAfter?: number,
  ) {
    super(code);
    this.name = "AppError";
  }
}

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
