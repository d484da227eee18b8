"use client";

import { useFormatter, useTranslations } from "next-intl";
import { isErrorCode } from "@/lib/errors";

/** An error code (and, for limits, the seconds to wait) as a sentence in the user's language. */
export function useErrorText() {
  const t = useTranslations("errors");
  const format = useFormatter();
  return (code: string, retryAfter = 60) => {
    const known = isErrorCode(code) ? code : "server_error";
    if (known === "rate_limited") return t(known, { minutes: Math.ceil(retryAfter / 60) });
    if (known === "too_many_requests" || known === "quota_exceeded") {
      const now = new Date();
      const unit = retryAfter < 90 ? "second" : retryAfter < 90 * 60 ? "minute" : "hour";
      return t(known, { when: format.relativeTime(new Date(now.getTime() + retryAfter * 1000), { now, unit }) });
    }
    return t(known);
  };
}
