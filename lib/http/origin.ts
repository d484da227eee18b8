import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/** The app's public origin, for links and snippets shown to owners: AUTH_URL when set, else what the request was addressed to. */
export async function appOrigin(): Promise<string> {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0].trim() === "https" ? "https" : "http";
  return `${proto}://${h.get("x-forwarded-host")?.split(",")[0].trim() || h.get("host") || "localhost:3000"}`;
}
