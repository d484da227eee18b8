import { z } from "zod";
import { requiredText } from "./fields";
import { SOURCE_LIMITS, SYNC_SCHEDULES } from "./limits";

export { SOURCE_LIMITS, SYNC_SCHEDULES };

/** An http(s) address as an owner types it; the fetcher checks where it leads (lib/http/safe-fetch.ts). */
export const webUrl = z
  .string("required")
  .trim()
  .min(1, "required")
  .max(SOURCE_LIMITS.url, "too_long")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && !!url.hostname && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "url_invalid");

const whole = (min: number, max: number) =>
  z.coerce.number("number_invalid").refine(Number.isFinite, "number_invalid").int("number_invalid").min(min, "number_out_of_range").max(max, "number_out_of_range");

export const urlSourceSchema = z.object({ url: webUrl });

/** A whole site; the server also caps maxPages by KNOWLEDGE_MAX_SITE_PAGES. */
export const siteSourceSchema = z.object({
  url: webUrl,
  maxPages: whole(1, SOURCE_LIMITS.sitePages),
  maxDepth: whole(0, SOURCE_LIMITS.depth),
});

export const textSourceSchema = z.object({
  title: requiredText(SOURCE_LIMITS.title),
  body: requiredText(SOURCE_LIMITS.body),
});

export const syncScheduleSchema = z.object({ schedule: z.enum(SYNC_SCHEDULES, "invalid_data") });

export type SiteSourceInput = z.input<typeof siteSourceSchema>;
