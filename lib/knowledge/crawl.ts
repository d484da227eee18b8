import { gunzipSync } from "node:zlib";
import { XMLParser } from "fast-xml-parser";
import robotsParser from "robots-parser";
import { FetchError, safeFetch, USER_AGENT, type FetchErrorCode } from "@/lib/http/safe-fetch";
import type { Section } from "./extract";
import { extractHtml } from "./html";

// A web page, or a whole site, as knowledge: robots.txt honoured for our user agent, the sitemap
// when the site has one, else same-origin links breadth-first. One page at a time (polite, and
// a site cannot make us hold many bodies at once).

export type CrawledPage = { url: string; title: string | null; sections: Section[]; etag: string | null; lastModified: string | null };
export type CrawlItem = CrawledPage | { url: string; error: FetchErrorCode };

const ROBOTS_MAX_BYTES = 512 * 1024;
const SITEMAP_MAX_BYTES = 10 * 1024 * 1024;
const SITEMAP_MAX_FILES = 10;
const CRAWL_DELAY_MAX_SECONDS = 5;
// Links to these are files, not pages: not worth a request.
const NOT_A_PAGE = /\.(pdf|jpe?g|png|gif|webp|avif|svg|ico|bmp|css|js|mjs|json|xml|rss|atom|zip|gz|tgz|tar|rar|7z|mp3|wav|ogg|mp4|webm|avi|mov|docx?|xlsx?|pptx?|odt|csv|txt|woff2?|ttf|otf|eot|exe|dmg|apk)$/i;

/** Absolute http(s) URL without its fragment, nothing else changed (query order kept). */
export function canonicalUrl(raw: string, base?: string): string {
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    throw new FetchError("url_invalid");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchError("url_invalid");
  url.hash = "";
  return url.href;
}

const codeOf = (error: unknown): FetchErrorCode => (error instanceof FetchError ? error.code : "url_unreachable");

type Robots = { allows(url: string): boolean; crawlDelay: number; sitemaps: string[] };

/**
 * The site's robots.txt rules for us. Missing (4xx) allows everything, as the standard says; a
 * server error or no answer ends the fetch with that reason rather than guessing (RFC 9309 says
 * not to crawl then).
 */
async function loadRobots(origin: string, signal?: AbortSignal): Promise<Robots> {
  const robotsUrl = `${origin}/robots.txt`;
  let text = "";
  try {
    const res = await safeFetch(robotsUrl, { accept: "text/plain,*/*", maxBytes: ROBOTS_MAX_BYTES, timeoutMs: 10_000, signal });
    text = Buffer.from(res.body).toString("utf8");
  } catch (error) {
    const status = error instanceof FetchError ? error.status : undefined;
    const missing = error instanceof FetchError && error.code === "url_http_error" && status !== undefined && status >= 400 && status < 500;
    // An oversized robots.txt is no robots.txt anyone maintains; treated as none.
    if (!missing && codeOf(error) !== "url_too_large") throw error;
  }
  const robots = robotsParser(robotsUrl, text);
  return {
    allows: (url) => robots.isAllowed(url, USER_AGENT) !== false,
    crawlDelay: Math.min(Number(robots.getCrawlDelay(USER_AGENT)) || 0, CRAWL_DELAY_MAX_SECONDS),
    sitemaps: robots.getSitemaps(),
  };
}

function decodeHtml(body: Uint8Array, contentType: string): string {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 2048)).toString("latin1");
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(charset.toLowerCase()).decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}

async function fetchHtml(url: string, signal?: AbortSignal): Promise<{ page: CrawledPage; links: string[] }> {
  const res = await safeFetch(url, { signal });
  const { title, sections, links } = await extractHtml(decodeHtml(res.body, res.contentType), res.url);
  return { page: { url: res.url, title, sections, etag: res.etag, lastModified: res.lastModified }, links };
}

/** One page; robots.txt honoured (robots_disallowed). */
export async function fetchPage(url: string): Promise<CrawledPage> {
  const target = canonicalUrl(url);
  const robots = await loadRobots(new URL(target).origin);
  if (!robots.allows(target)) throw new FetchError("robots_disallowed");
  const { page } = await fetchHtml(target);
  return page;
}

const xml = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true });
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Page URLs of the origin listed by its sitemaps (index files followed), at most `max`. */
async function sitemapPages(sitemaps: string[], origin: string, max: number, signal?: AbortSignal): Promise<string[]> {
  const pending = [...sitemaps];
  const visited = new Set<string>();
  const pages = new Set<string>();
  while (pending.length && visited.size < SITEMAP_MAX_FILES && pages.size < max) {
    if (signal?.aborted) break;
    let url: string;
    try {
      url = canonicalUrl(pending.shift()!);
    } catch {
      continue;
    }
    if (visited.has(url) || new URL(url).origin !== origin) continue;
    visited.add(url);
    let doc: { sitemapindex?: { sitemap?: unknown }; urlset?: { url?: unknown } };
    try {
      const res = await safeFetch(url, { accept: "application/xml,text/xml,*/*", maxBytes: SITEMAP_MAX_BYTES, signal });
      let bytes = Buffer.from(res.body);
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes, { maxOutputLength: 5 * SITEMAP_MAX_BYTES });
      doc = xml.parse(bytes.toString("utf8"));
    } catch {
      continue; // no sitemap, or a broken one: the links are followed instead
    }
    for (const entry of list(doc?.sitemapindex?.sitemap as { loc?: unknown } | { loc?: unknown }[])) {
      if (typeof entry?.loc === "string") pending.push(entry.loc);
    }
    for (const entry of list(doc?.urlset?.url as { loc?: unknown } | { loc?: unknown }[])) {
      if (typeof entry?.loc !== "string") continue;
      try {
        const page = canonicalUrl(entry.loc);
        if (new URL(page).origin === origin) pages.add(page);
      } catch {
        // not a URL: skipped
      }
      if (pages.size >= max) break;
    }
  }
  return [...pages];
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Pages of one site, as they are fetched: the start page, then the sitemap's pages when it has
 * one, else same-origin links breadth-first up to maxDepth. Every page and every failure counts
 * toward maxPages; links to files and pages robots.txt refuses are skipped without a request.
 */
export async function* crawlSite(start: string, options: { maxPages: number; maxDepth: number; signal?: AbortSignal }): AsyncGenerator<CrawlItem> {
  const { maxPages, maxDepth, signal } = options;
  if (maxPages < 1) return;
  let startUrl: string;
  try {
    startUrl = canonicalUrl(start);
  } catch {
    yield { url: start, error: "url_invalid" };
    return;
  }

  let origin = new URL(startUrl).origin;
  let robots: Robots;
  try {
    robots = await loadRobots(origin, signal);
  } catch (error) {
    yield { url: startUrl, error: codeOf(error) };
    return;
  }
  if (!robots.allows(startUrl)) {
    yield { url: startUrl, error: "robots_disallowed" };
    return;
  }

  let first: { page: CrawledPage; links: string[] };
  try {
    first = await fetchHtml(startUrl, signal);
  } catch (error) {
    yield { url: startUrl, error: codeOf(error) };
    return;
  }
  // The start may redirect (http → https, to www.): the site is where it landed.
  const landed = new URL(first.page.url).origin;
  if (landed !== origin) {
    origin = landed;
    try {
      robots = await loadRobots(origin, signal);
    } catch (error) {
      yield { url: first.page.url, error: codeOf(error) };
      return;
    }
    if (!robots.allows(first.page.url)) {
      yield { url: first.page.url, error: "robots_disallowed" };
      return;
    }
  }
  yield first.page;
  let count = 1;

  const seen = new Set<string>([startUrl, first.page.url]);
  const queue: { url: string; depth: number }[] = [];
  const enqueue = (url: string, depth: number) => {
    if (seen.has(url) || new URL(url).origin !== origin || NOT_A_PAGE.test(new URL(url).pathname) || !robots.allows(url)) return;
    seen.add(url);
    queue.push({ url, depth });
  };

  const sitemaps = robots.sitemaps.length ? robots.sitemaps : [`${origin}/sitemap.xml`];
  const fromSitemap = signal?.aborted ? [] : await sitemapPages(sitemaps, origin, maxPages * 2, signal);
  const followLinks = fromSitemap.length === 0;
  if (followLinks) {
    if (maxDepth >= 1) for (const link of first.links) enqueue(canonicalUrl(link), 1);
  } else {
    for (const url of fromSitemap) enqueue(url, 1);
  }

  // Requests are capped too: non-HTML answers and redirects to pages already seen yield nothing.
  let requests = 1;
  while (queue.length && count < maxPages && requests < maxPages * 3) {
    if (signal?.aborted) return;
    const { url, depth } = queue.shift()!;
    await sleep(robots.crawlDelay * 1000, signal);
    if (signal?.aborted) return;
    requests++;
    let result: { page: CrawledPage; links: string[] };
    try {
      result = await fetchHtml(url, signal);
    } catch (error) {
      if (signal?.aborted) return;
      if (codeOf(error) === "url_not_html") continue;
      yield { url, error: codeOf(error) };
      count++;
      continue;
    }
    const final = result.page.url;
    if (final !== url) {
      if (seen.has(final) || new URL(final).origin !== origin || !robots.allows(final)) continue;
      seen.add(final);
    }
    yield result.page;
    count++;
    if (followLinks && depth < maxDepth) for (const link of result.links) enqueue(canonicalUrl(link), depth + 1);
  }
}
