import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The client's address: the socket's is not visible to Next handlers, so without a trusted
 * proxy it is unknown; with TRUSTED_PROXY_HOPS = n, the n-th X-Forwarded-For entry from the right.
 */
export function clientIp(headers: Headers): string | null {
  const hops = env().TRUSTED_PROXY_HOPS;
  if (!hops) return null;
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return chain.length >= hops ? chain[chain.length - hops].slice(0, 64) : null;
}

/** The address of the request being handled, or null outside one (a CLI, a test) or when unknown. */
export async function requestIp(): Promise<string | null> {
  try {
    return clientIp(await headers());
  } catch {
    return null;
  }
}
