// Allowed websites (the widget's frame-ancestors), read from what an owner types. No zod here:
// the Channels form names the bad line with this before its schema has loaded.

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

/** A scheme at the start (`https:`, `javascript:`), but not a host followed by its port (`example.com:8443`). */
const SCHEME = /^([a-z][a-z0-9+.-]*):(?!\d)/i;
/** What a host and port may be made of: letters (any script), digits, dots, hyphens, an IPv6 address's brackets and colons. */
const AUTHORITY = /^[\p{L}\p{N}.\-[\]:]+$/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Whether a parsed host is a plain name or address: nothing a header could split on reaches
 * frame-ancestors (`;` and `,` are legal in a URL's host, and would end the directive).
 */
const plainHost = (hostname: string) => /^\[[0-9a-f:.]+\]$/.test(hostname) || hostname.split(".").every((label) => LABEL.test(label));

/**
 * What an owner typed, read as an origin: `example.com` is `https://example.com`, a path, query
 * or fragment is dropped (`normalised` says when the origin differs from the text beyond case and
 * a final slash). Null when it is no origin: another scheme (`javascript:`), credentials, a
 * wildcard, anything but a plain host, http outside localhost and 127.0.0.1, a dotless https host.
 */
export function readOrigin(text: string): { origin: string; normalised: boolean } | null {
  const typed = text.trim();
  let value = typed;
  const scheme = SCHEME.exec(value)?.[1].toLowerCase();
  if (scheme && scheme !== "http" && scheme !== "https") return null;
  if (!scheme) {
    // No scheme: https, except for the two development hosts, which serve plain http.
    value = `${LOCAL_HOSTS.has(value.split(/[/:?#]/)[0].toLowerCase()) ? "http" : "https"}://${value}`;
  } else if (!/^https?:\/\//i.test(value)) return null;
  if (!AUTHORITY.test(value.replace(/^https?:\/\//i, "").split(/[/?#]/)[0])) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (!plainHost(url.hostname)) return null;
  if (url.protocol === "http:" && !LOCAL_HOSTS.has(url.hostname)) return null;
  // A host must have a dot (a public name or an address), except localhost.
  if (url.protocol === "https:" && !url.hostname.includes(".") && url.hostname !== "localhost") return null;
  return { origin: url.origin, normalised: url.origin !== typed.replace(/\/$/, "").toLowerCase() };
}

/**
 * One allowed origin exactly as stored (`https://example.com`, lower case, no default port), or
 * null when the text is anything more or less than scheme, host and port.
 */
export function canonicalOrigin(text: string): string | null {
  if (!/^https?:\/\/[^/?#]+\/?$/i.test(text.trim())) return null;
  return readOrigin(text)?.origin ?? null;
}

/** An allowed-origins text line by line: the origins (canonical, once each), the lines read as something else, the first line that is no origin. */
export type OriginsReport = {
  origins: string[];
  normalised: { line: number; from: string; to: string }[];
  invalid: { line: number; text: string } | null;
};

export function originsReport(text: string): OriginsReport {
  const report: OriginsReport = { origins: [], normalised: [], invalid: null };
  text.split(/\r?\n/).forEach((raw, index) => {
    const from = raw.trim();
    if (!from || report.invalid) return;
    const read = readOrigin(from);
    if (!read) report.invalid = { line: index + 1, text: from.slice(0, 100) };
    else {
      if (read.normalised) report.normalised.push({ line: index + 1, from: from.slice(0, 100), to: read.origin });
      if (!report.origins.includes(read.origin)) report.origins.push(read.origin);
    }
  });
  return report;
}

/** The lines of an allowed-origins text, canonical; null when any line is not an origin. */
export function parseOrigins(text: string): string[] | null {
  const report = originsReport(text);
  return report.invalid ? null : report.origins;
}
