import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, TIME_ZONE_COOKIE, isLocale, negotiateLocale } from "./locales";

function validTimeZone(value: string | undefined): string {
  if (!value) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value;
  } catch {
    return "UTC";
  }
}

// No locale in the URL: the cookie decides, else the browser's Accept-Language.
export default getRequestConfig(async () => {
  const jar = await cookies();
  const fromCookie = jar.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(fromCookie) ? fromCookie : negotiateLocale((await headers()).get("accept-language"));
  return {
    locale,
    // Dates show in the visitor's own time zone, which the browser reports (components/TimeZoneCookie).
    timeZone: validTimeZone(jar.get(TIME_ZONE_COOKIE)?.value),
    messages: (await import(`../../messages/${locale}.json`)).default,
  };
});
