import "server-only";
import { isIP } from "node:net";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { SOCKET_ADDRESS_HEADER, socketAddressStamped } from "./socket-address";

/**
 * The client's address as the server knows it: with TRUSTED_PROXY_HOPS = n > 0, the n-th
 * X-Forwarded-For entry from the right (what the n-th proxy saw); with no trusted proxy, the
 * socket's peer as stamped by ./socket-address.ts. Null where neither can be known (a platform
 * that runs no server of ours and no trusted proxy is configured). No header a client sends
 * decides it: the stamp replaces theirs, and X-Forwarded-For is read only behind trusted proxies.
 */
export function clientAddress(headers: Headers): string | null {
  const hops = env().TRUSTED_PROXY_HOPS;
  if (!hops) return socketAddressStamped() ? normalised(headers.get(SOCKET_ADDRESS_HEADER)) : null;
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return chain.length >= hops ? normalised(chain[chain.length - hops]) : null;
}

/**
 * The key a per-address limit counts under: the address, or for IPv6 its /64 network (one
 * subscriber usually holds a whole /64, so single addresses would be free to rotate).
 */
export function clientIp(headers: Headers): string | null {
  const address = clientAddress(headers);
  if (!address || isIP(address) !== 6) return address;
  return `${expandedIpv6(address).slice(0, 4).join(":")}::/64`;
}

/** Whether this server can tell its clients apart by address (else visitors share per-bot limits). */
export const clientAddressesKnown = () => env().TRUSTED_PROXY_HOPS > 0 || socketAddressStamped();

/** The address of the request being handled (for the audit log), or null outside one or when unknown. */
export async function requestIp(): Promise<string | null> {
  try {
    return clientAddress(await headers());
  } catch {
    return null;
  }
}

/** An address as text, IPv4-mapped IPv6 as plain IPv4; anything that is no address is null. */
function normalised(value: string | null): string | null {
  if (!value) return null;
  const address = value.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1];
  return isIP(address) ? address : null;
}

function expandedIpv6(address: string): string[] {
  const [head, tail = ""] = address.includes("::") ? address.split("::") : [address, ""];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // A trailing dotted IPv4 part fills two groups.
  const last = right.length ? right : left;
  if (last.length && last[last.length - 1].includes(".")) {
    const [a, b, c, d] = last.pop()!.split(".").map(Number);
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const zeros = Array(Math.max(0, 8 - left.length - right.length)).fill("0");
  return [...left, ...zeros, ...right].map((group) => group.padStart(4, "0"));
}
