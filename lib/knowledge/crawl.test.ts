import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { FetchError } from "@/lib/http/safe-fetch";
import { crawlSite, fetchPage, type CrawlItem } from "./crawl";

// A small bakery site on a local server, allowed through UNSAFE_FETCH_ALLOW_HOSTS for this file.

let server: http.Server;
let base = "";
const requests: { path: string; ua: string | undefined }[] = [];
let site: { robots: string | null; robotsStatus?: number; sitemap: boolean; gzipSitemap?: boolean } = { robots: null, sitemap: false };

const page = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title></head><body><nav><a href="/">Home</a></nav><main>${body}</main></body></html>`;

const PAGES: Record<string, string> = {
  "/": page(
    "Bakery",
    `<h1>Welcome</h1><p>Fresh bread every morning since 1952, baked in our stone oven.</p>
     <a href="/menu">Menu</a> <a href="/hours#today">Hours</a> <a href="/about">About</a> <a href="/about">Again</a>
     <a href="/private/secret">Staff</a> <a href="/price-list.pdf">Prices</a> <a href="/data">Data</a> <a href="/gone">Old</a>
     <a href="http://other.invalid/">Friends</a> <a href="mailto:x@example.com">Mail</a>`,
  ),
  "/menu": page("Menu", "<h1>Menu</h1><h2>Breads</h2><p>Sourdough, rye and gluten free loaves.</p>"),
  "/hours": page("Hours", "<h1>Opening hours</h1><p>Monday to Friday 7 to 18, Saturdays 8 to 14.</p>"),
  "/about": page("About", '<h1>About us</h1><p>A family bakery.</p><a href="/about/team">Team</a>'),
  "/about/team": page("Team", '<h1>Team</h1><p>Anna and Karl bake.</p><a href="/deep">Deeper</a>'),
  "/deep": page("Deep", "<p>Three links away.</p>"),
  "/private/secret": page("Secret", "<p>Staff only.</p>"),
};

function sitemapXml(paths: string[]) {
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths
    .map((p) => `<url><loc>${base}${p}</loc></url>`)
    .join("")}<url><loc>http://other.invalid/x</loc></url></urlset>`;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    requests.push({ path, ua: req.headers["user-agent"] });
    if (path === "/robots.txt") {
      if (site.robots === null) return res.writeHead(site.robotsStatus ?? 404).end();
      return res.writeHead(200, { "content-type": "text/plain" }).end(site.robots);
    }
    if (site.sitemap && (path === "/sitemap-index.xml" || path === "/sitemap.xml")) {
      const second = site.gzipSitemap ? "/sitemap-pages.xml.gz" : "/sitemap-pages.xml";
      return res
        .writeHead(200, { "content-type": "application/xml" })
        .end(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${base}${second}</loc></sitemap></sitemapindex>`);
    }
    if (site.sitemap && path === "/sitemap-pages.xml") return res.writeHead(200, { "content-type": "application/xml" }).end(sitemapXml(["/", "/hours", "/menu", "/private/secret", "/menu"]));
    if (site.sitemap && path === "/sitemap-pages.xml.gz") return res.writeHead(200, { "content-type": "application/gzip" }).end(gzipSync(sitemapXml(["/menu", "/about"])));
    if (path === "/data") return res.writeHead(200, { "content-type": "application/json" }).end("{}");
    const html = PAGES[path];
    if (!html) return res.writeHead(404, { "content-type": "text/html" }).end("not found");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", etag: `"${path}"` }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.UNSAFE_FETCH_ALLOW_HOSTS = new URL(base).host;
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterAll(async () => {
  delete process.env.UNSAFE_FETCH_ALLOW_HOSTS;
  vi.restoreAllMocks();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  requests.length = 0;
  site = { robots: "User-agent: *\nDisallow: /private/\n", sitemap: false };
});

async function crawl(start: string, maxPages = 20, maxDepth = 2, signal?: AbortSignal): Promise<CrawlItem[]> {
  const items: CrawlItem[] = [];
  for await (const item of crawlSite(start, { maxPages, maxDepth, signal })) items.push(item);
  return items;
}

const summary = (items: CrawlItem[]) => items.map((i) => ("error" in i ? `${i.url.replace(base, "")} ${i.error}` : i.url.replace(base, "")));

describe("crawlSite", () => {
  it("follows same-origin links breadth-first to maxDepth, skipping files, robots-disallowed pages and other sites", async () => {
    const items = await crawl(`${base}/`);
    expect(summary(items)).toEqual(["/", "/menu", "/hours", "/about", "/gone url_http_error", "/about/team"]);
    const hours = items.find((i) => !("error" in i) && i.url.endsWith("/hours"));
    expect(hours).toMatchObject({ title: "Hours", etag: '"/hours"', sections: [{ label: "Opening hours", text: "Monday to Friday 7 to 18, Saturdays 8 to 14." }] });
    const paths = requests.map((r) => r.path);
    expect(paths.filter((p) => p === "/robots.txt")).toHaveLength(1);
    expect(paths).not.toContain("/private/secret");
    expect(paths).not.toContain("/price-list.pdf");
    expect(paths).not.toContain("/deep");
    expect(paths).toContain("/data"); // asked, found not HTML, skipped without an item
    expect(new Set(requests.map((r) => r.ua))).toEqual(new Set(["ChatBotFactory/1.0 (+knowledge fetcher)"]));
  });

  it("stops at maxPages and at depth 0", async () => {
    expect(summary(await crawl(`${base}/`, 2))).toEqual(["/", "/menu"]);
    expect(summary(await crawl(`${base}/`, 20, 0))).toEqual(["/"]);
  });

  it("uses the sitemap robots.txt names (an index, then a gzipped one) instead of links", async () => {
    site = { robots: `User-agent: *\nDisallow: /private/\nSitemap: ${base}/sitemap-index.xml\n`, sitemap: true };
    expect(summary(await crawl(`${base}/`))).toEqual(["/", "/hours", "/menu"]);
    site = { ...site, gzipSitemap: true };
    expect(summary(await crawl(`${base}/`))).toEqual(["/", "/menu", "/about"]);
    expect(requests.map((r) => r.path)).not.toContain("/about/team");
  });

  it("looks for /sitemap.xml when robots.txt names none", async () => {
    site = { robots: "User-agent: *\nDisallow: /private/\n", sitemap: true };
    expect(summary(await crawl(`${base}/`))).toEqual(["/", "/hours", "/menu"]);
    expect(requests.map((r) => r.path)).toContain("/sitemap.xml");
  });

  it("honours robots.txt written for our user agent, and says so", async () => {
    site = { robots: "User-agent: *\nAllow: /\n\nUser-agent: ChatBotFactory\nDisallow: /\n", sitemap: false };
    expect(summary(await crawl(`${base}/`))).toEqual(["/ robots_disallowed"]);
    expect(requests.map((r) => r.path)).toEqual(["/robots.txt"]);
  });

  it("crawls everything when robots.txt is missing, and nothing when it fails", async () => {
    site = { robots: null, sitemap: false };
    expect(summary(await crawl(`${base}/`, 3))).toEqual(["/", "/menu", "/hours"]);
    site = { robots: null, robotsStatus: 503, sitemap: false };
    expect(summary(await crawl(`${base}/`))).toEqual(["/ url_http_error"]);
  });

  it("stops when its signal is aborted", async () => {
    const controller = new AbortController();
    const items: CrawlItem[] = [];
    for await (const item of crawlSite(`${base}/`, { maxPages: 20, maxDepth: 2, signal: controller.signal })) {
      items.push(item);
      if (items.length === 2) controller.abort();
    }
    expect(items).toHaveLength(2);
  });

  it("reports a refused start address (no allowance for it) as the only item", async () => {
    expect(summary(await crawl("http://10.0.0.1/"))).toEqual(["http://10.0.0.1/ url_blocked"]);
    expect(summary(await crawl("ftp://example.com/"))).toEqual(["ftp://example.com/ url_invalid"]);
  });
});

describe("fetchPage", () => {
  it("fetches one page, its fragment dropped", async () => {
    const got = await fetchPage(`${base}/menu#breads`);
    expect(got).toEqual({ url: `${base}/menu`, title: "Menu", etag: '"/menu"', lastModified: null, sections: [{ label: "Breads", text: "Sourdough, rye and gluten free loaves." }] });
  });

  it("refuses a page robots.txt disallows", async () => {
    await expect(fetchPage(`${base}/private/secret`)).rejects.toEqual(new FetchError("robots_disallowed"));
    expect(requests.map((r) => r.path)).toEqual(["/robots.txt"]);
  });
});
