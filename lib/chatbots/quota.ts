import "server-only";
import { env } from "@/lib/env";

/** The daily message quota a new bot starts with, or null when the installation sets none. */
export const defaultDailyQuota = () => env().DEFAULT_DAILY_MESSAGE_QUOTA || null;
