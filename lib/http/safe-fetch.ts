import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { Readable } from "node:stream";
import { FETCH_ERROR_CODES } from "@/lib/knowledge/error-codes";

// Fetching a URL an owner typed (a web source) from the server: an SSRF surface. Only http(s);
// every address a name resolves to is checked, and the connection goes to the address that was
// checked (no second lookup a rebinding DNS server could answer differently); every redirect is
// checked the same way; size and time are capped; no cookies are sent or kept.

export { FETCH_ERROR_CODES };
export type FetchErrorCode = (typeof FETCH_ERROR_CODES)[number];

export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    readonly status?: number,
  ) {
    super(status ? `${code} (${status})` : code);
    this.name = "FetchError";
  }
}

export type SafeResponse = {
  /** final, after redirects */
  url: string;
  status: number;
  contentType: string;
  body: Uint8Array;
  etag: string | null;
  lastModified: string | null;
};

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Resolves a host name to all its addresses (node:dns by default; tests pass their own). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type SafeFetchOptions = {
  maxBytes?: number;
  timeoutMs?: number;
  /** Accept header; the response's type must match one of its types (else url_not_html). */
  accept?: string;
  maxRedirects?: number;
  /** Ends the fetch early (e.g. a crawl being cancelled): url_timeout. */
  signal?: AbortSignal;
  /** Name resolution, for tests; the addresses it returns are checked like any others. */
  resolve?: HostResolver;
};

export const USER_AGENT = "ChatBotFactory/1.0 (+knowledge fetcher)";
export const SAFE_FETCH_DEFAULTS = { maxBytes: 5 * 1024 * 1024, timeoutMs: 15_000, accept: "text/html,application/xhtml+xml", maxRedirects: 5 };

// Addresses no web source may be on: this host, private networks, link-local (cloud metadata
// at 169.254.169.254), CGNAT, multicast, reserved and documentation ranges, and the IPv6 forms
// that tunnel to IPv4 (mapped addresses are matched by BlockList itself).
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) BLOCKED.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 96], ["::1", 128], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["100::", 64], ["2001::", 32], ["2001:db8::", 32],
  ["2002::", 16], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) BLOCKED.addSubnet(net, prefix, "ipv6");

/** True for an address a fetch must never reach. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return BLOCKED.check(address, family === 4 ? "ipv4" : "ipv6");
}

// UNSAFE_FETCH_ALLOW_HOSTS: tests only. Exact host:port pairs (the local test servers) that may
// be fetched although their address is private. Read on each call so a test can set it.
let warned = false;
const PAIR = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):([0-9]{1,5})$/i;

/** Parses the allowance; a malformed entry (a wildcard, a host without its port) is a startup error. */
export function parseAllowedHostPorts(raw: string | undefined): Set<string> {
  const pairs = new Set<string>();
  for (const entry of (raw ?? "").split(",").map((e) => e.trim().toLowerCase())) {
    if (!entry) continue;
    const m = PAIR.exec(entry);
    const port = m ? Number(m[2]) : 0;
    if (!m || port < 1 || port > 65535) throw new Error(`UNSAFE_FETCH_ALLOW_HOSTS: "${entry}" is not an exact host:port pair`);
    pairs.add(entry);
  }
  return pairs;
}

const isLoopback = (address: string) => (isIP(address) === 4 ? address.startsWith("127.") : address === "::1");

function allowedHostPorts(): Set<string> {
  const pairs = parseAllowedHostPorts(process.env.UNSAFE_FETCH_ALLOW_HOSTS);
  if (pairs.size > 0 && !warned) {
    warned = true;
    console.warn(`[safe-fetch] UNSAFE_FETCH_ALLOW_HOSTS lets these private addresses be fetched (tests only): ${[...pairs].join(", ")}`);
  }
  return pairs;
}

const defaultResolve: HostResolver = async (hostname) => {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** The address to connect to for this URL, after every check. */
async function vet(url: URL, resolve: HostResolver): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  const allowed = allowedHostPorts().has(`${url.hostname}:${port}`);
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  } else {
    if (!allowed && (host === "localhost" || host.endsWith(".localhost"))) throw new FetchError("url_blocked");
    try {
      addresses = await resolve(host);
    } catch {
      throw new FetchError("url_unreachable");
    }
    if (addresses.length === 0) throw new FetchError("url_unreachable");
  }
  // Every address, not only the first: the connection must not be able to pick a blocked one.
  // The tests' allowance opens a port on this machine's loopback and nothing else: set by
  // mistake in production it still reaches no private network and no metadata address.
  if (addresses.some((a) => isBlockedAddress(a.address) && !(allowed && isLoopback(a.address)))) throw new FetchError("url_blocked");
  return addresses[0];
}

function parseUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    throw new FetchError("url_invalid");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchError("url_invalid");
  // Credentials in a URL would be sent as Authorization: never ours to send.
  if (url.username || url.password) throw new FetchError("url_invalid");
  return url;
}

function acceptable(contentType: string, accept: string): boolean {
  const type = contentType.split(";")[0].trim().toLowerCase();
  return accept
    .split(",")
    .map((t) => t.split(";")[0].trim().toLowerCase())
    .some((want) => want === "*/*" || want === type || (want.endsWith("/*") && type.startsWith(want.slice(0, -1))));
}

type Raw = { status: number; headers: http.IncomingHttpHeaders; stream: http.IncomingMessage };

function request(url: URL, to: ResolvedAddress, accept: string, signal: AbortSignal): Promise<Raw> {
  // Hands the socket the vetted address whatever name it asks for: no second DNS answer counts.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options && (options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [to]);
    else callback(null, to.address, to.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "GET",
        lookup: pinned,
        agent: false,
        signal,
        servername: isIP(url.hostname.replace(/^\[|\]$/g, "")) ? undefined : url.hostname,
        headers: { "user-agent": USER_AGENT, accept, "accept-encoding": "gzip, deflate, br", connection: "close" },
      },
      (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, stream: res }),
    );
    req.on("error", reject);
    req.end();
  });
}

/** The body, decoded, never more than maxBytes (before or after decompression). */
async function readBody(raw: Raw, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(raw.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    raw.stream.destroy();
    throw new FetchError("url_too_large");
  }
  const encoding = String(raw.headers["content-encoding"] ?? "").trim().toLowerCase();
  let stream: Readable = raw.stream;
  if (encoding === "gzip" || encoding === "x-gzip") stream = raw.stream.pipe(createGunzip());
  else if (encoding === "deflate") stream = raw.stream.pipe(createInflate());
  else if (encoding === "br") stream = raw.stream.pipe(createBrotliDecompress());
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new FetchError("url_too_large");
      chunks.push(chunk as Buffer);
    }
  } finally {
    raw.stream.destroy();
    if (stream !== raw.stream) stream.destroy();
  }
  return new Uint8Array(Buffer.concat(chunks));
}

const header = (headers: http.IncomingHttpHeaders, name: string): string | null => {
  const v = headers[name];
  return typeof v === "string" ? v : Array.isArray(v) ? (v[0] ?? null) : null;
};

export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<SafeResponse> {
  const maxBytes = options.maxBytes ?? SAFE_FETCH_DEFAULTS.maxBytes;
  const timeoutMs = options.timeoutMs ?? SAFE_FETCH_DEFAULTS.timeoutMs;
  const accept = options.accept ?? SAFE_FETCH_DEFAULTS.accept;
  const maxRedirects = options.maxRedirects ?? SAFE_FETCH_DEFAULTS.maxRedirects;
  const resolve = options.resolve ?? defaultResolve;

  // One deadline for the whole fetch, redirects included.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) controller.abort();
  const guard = <T>(work: Promise<T>): Promise<T> =>
    new Promise<T>((res, rej) => {
      if (controller.signal.aborted) return rej(new FetchError("url_timeout"));
      const abort = () => rej(new FetchError("url_timeout"));
      controller.signal.addEventListener("abort", abort, { once: true });
      work.then(res, rej).finally(() => controller.signal.removeEventListener("abort", abort));
    });

  try {
    let current = parseUrl(url);
    for (let hop = 0; ; hop++) {
      const to = await guard(vet(current, resolve));
      let raw: Raw;
      try {
        raw = await guard(request(current, to, accept, controller.signal));
      } catch (error) {
        if (error instanceof FetchError) throw error;
        throw new FetchError(controller.signal.aborted ? "url_timeout" : "url_unreachable");
      }
      const location = header(raw.headers, "location");
      if (raw.status >= 300 && raw.status < 400 && location) {
        raw.stream.destroy();
        if (hop >= maxRedirects) throw new FetchError("url_http_error", raw.status);
        current = parseUrl(location, current);
        continue;
      }
      if (raw.status < 200 || raw.status >= 300) {
        raw.stream.destroy();
        throw new FetchError("url_http_error", raw.status);
      }
      const contentType = (header(raw.headers, "content-type") ?? "").toLowerCase();
      if (!acceptable(contentType, accept)) {
        raw.stream.destroy();
        throw new FetchError("url_not_html", raw.status);
      }
      let body: Uint8Array;
      try {
        body = await guard(readBody(raw, maxBytes));
      } catch (error) {
        if (error instanceof FetchError) throw error;
        throw new FetchError(controller.signal.aborted ? "url_timeout" : "url_unreachable");
      }
      current.hash = "";
      return {
        url: current.href,
        status: raw.status,
        contentType,
        body,
        etag: header(raw.headers, "etag"),
        lastModified: header(raw.headers, "last-modified"),
      };
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    if (!controller.signal.aborted) controller.abort();
  }
}
