"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useTimeZone } from "next-intl";
import { TIME_ZONE_COOKIE } from "@/lib/i18n/locales";

/** Tells the server the browser's time zone once, so dates render in local time from then on. */
export function TimeZoneCookie() {
  const serverTimeZone = useTimeZone();
  const router = useRouter();
  useEffect(() => {
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(local)}`;
    // Already sent (the server may not know this zone): never refresh twice.
    if (!local || local === serverTimeZone || document.cookie.split("; ").includes(cookie)) return;
    document.cookie = `${cookie}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [serverTimeZone, router]);
  return null;
}
