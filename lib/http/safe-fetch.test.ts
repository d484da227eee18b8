import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { FetchError, isBlockedAddress, parseAllowedHostPorts, safeFetch, USER_AGENT, type FetchErrorCode, type SafeFetchOptions } from "./safe-fetch";

// Two local servers: "site" plays an allowed web source, "other" one that is not allowed. Every
// test's requests stay on loopback: a guard fails the test before any socket to another address.

type Seen = { path: string; headers: http.IncomingHttpHeaders };
const seen: Seen[] = [];
let site: http.Server;
let other: http.Server;
let base = "";
let otherBase = "";

function routes(req: http.IncomingMessage, res: http.ServerResponse) {
  seen.push({ path: req.url ?? "", headers: req.headers });
  const u = new URL(req.url ?? "/", "http://x");
  const to = u.searchParams.get("to");
  switch (u.pathname) {
    case "/page":
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", etag: '"v1"', "last-modified": "Fri, 04 Dec 2026 08:00:00 GMT", "set-cookie": "sid=secret; Path=/" });
      return res.end("<h1>Bakery</h1><p>Fresh bread daily.</p>");
    case "/redirect":
      res.writeHead(302, { location: to ?? "/page", "set-cookie": "track=1; Path=/" });
      return res.end();
    case "/loop":
      res.writeHead(301, { location: "/loop" });
      return res.end();
    case "/json":
      res.writeHead(200, { "content-type": "application/json" });
      return res.end("{}");
    case "/missing":
      res.writeHead(404, { "content-type": "text/html" });
      return res.end("no");
    case "/big-declared":
      res.writeHead(200, { "content-type": "text/html", "content-length": String(10 * 1024 * 1024) });
      return res.end();
    case "/big-streamed": {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      const more = () => {
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", more);
        }
        res.end();
      };
      return more();
    }
    case "/gzip-bomb":
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
      return res.end(gzipSync(Buffer.alloc(20 * 1024 * 1024, " ")));
    case "/gzip":
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
      return res.end(gzipSync(Buffer.from("<p>zipped</p>")));
    case "/hang":
      return; // never answers
    case "/drip": {
      res.writeHead(200, { "content-type": "text/html" });
      const timer = setInterval(() => res.write("."), 50);
      res.on("close", () => clearInterval(timer));
      return;
    }
    default:
      res.writeHead(404);
      res.end();
  }
}

const LOOPBACK_NAMES = new Set(["127.0.0.1", "pinned.test"]);
const originalHttp = http.request;

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  site = http.createServer(routes);
  other = http.createServer(routes);
  base = `http://${await listen(site)}`;
  otherBase = `http://${await listen(other)}`;
});

afterAll(async () => {
  site.closeAllConnections();
  other.closeAllConnections();
  await Promise.all([new Promise((r) => site.close(r)), new Promise((r) => other.close(r))]);
});

beforeEach(() => {
  seen.length = 0;
  process.env.UNSAFE_FETCH_ALLOW_HOSTS = new URL(base).host;
  // The guard: a request to anything but loopback fails the test instead of leaving the machine.
  const guard = (target: unknown, ...rest: unknown[]) => {
    const host = target instanceof URL ? target.hostname : "";
    if (!LOOPBACK_NAMES.has(host)) throw new Error(`test tried to reach ${host}`);
    return (originalHttp as (...a: unknown[]) => http.ClientRequest)(target, ...rest);
  };
  vi.spyOn(http, "request").mockImplementation(guard as typeof http.request);
  vi.spyOn(https, "request").mockImplementation((() => {
    throw new Error("test tried https");
  }) as typeof https.request);
});

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.UNSAFE_FETCH_ALLOW_HOSTS;
});

async function refusal(url: string, options?: SafeFetchOptions): Promise<{ code: FetchErrorCode; status?: number }> {
  try {
    await safeFetch(url, options);
  } catch (error) {
    if (error instanceof FetchError) return { code: error.code, status: error.status };
    throw error;
  }
  throw new Error(`${url} was fetched, expected a refusal`);
}

describe("addresses", () => {
  it("blocks private, loopback, link-local, unique-local, CGNAT, multicast, unspecified, mapped and metadata addresses", () => {
    for (const a of [
      "127.0.0.1", "127.9.9.9", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
      "0.0.0.0", "224.0.0.1", "255.255.255.255", "::", "::1", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1",
      "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a00:1", "2002:a00:1::", "not-an-ip",
    ]) expect(isBlockedAddress(a), a).toBe(true);
    for (const a of ["93.184.216.34", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:1.1.1.1"]) expect(isBlockedAddress(a), a).toBe(false);
  });

  it("accepts only exact host:port pairs as the tests' allowance", () => {
    expect([...parseAllowedHostPorts(" 127.0.0.1:4567, [::1]:80 ,Example.test:8080")]).toEqual(["127.0.0.1:4567", "[::1]:80", "example.test:8080"]);
    expect(parseAllowedHostPorts(undefined).size).toBe(0);
    for (const bad of ["*", "127.0.0.1", "*:80", "*.example.com:80", "10.0.0.0/8:80", "127.0.0.1:0", "127.0.0.1:99999", "http://127.0.0.1:80"]) {
      expect(() => parseAllowedHostPorts(bad), bad).toThrow(/UNSAFE_FETCH_ALLOW_HOSTS/);
    }
  });
});

describe("refusals", () => {
  it("refuses loopback, private and metadata addresses, and localhost, before connecting", async () => {
    delete process.env.UNSAFE_FETCH_ALLOW_HOSTS;
    expect(await refusal(`${base}/page`)).toEqual({ code: "url_blocked" });
    process.env.UNSAFE_FETCH_ALLOW_HOSTS = new URL(base).host;
    for (const url of [
      `${otherBase}/page`, // loopback, on a port not allowed
      "http://10.0.0.1/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00:ec2::254]/",
      "http://[::ffff:127.0.0.1]:80/",
      "http://[::1]/",
      "http://0x7f.1/",
      "http://2130706433/",
      `http://localhost:${new URL(base).port}/page`,
      "http://shop.localhost/",
    ]) expect(await refusal(url), url).toEqual({ code: "url_blocked" });
    expect(seen).toEqual([]);
  });

  it("refuses a name that resolves to a private address, even one of several", async () => {
    const resolve = async (host: string) =>
      host === "intranet.example" ? [{ address: "10.1.2.3", family: 4 as const }] : [{ address: "93.184.216.34", family: 4 as const }, { address: "fd12::1", family: 6 as const }];
    expect(await refusal("http://intranet.example/", { resolve })).toEqual({ code: "url_blocked" });
    expect(await refusal("https://mixed.example/", { resolve })).toEqual({ code: "url_blocked" });
    const failing = async () => {
      throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
    };
    expect(await refusal("http://nowhere.example/", { resolve: failing })).toEqual({ code: "url_unreachable" });
  });

  it("refuses what is not http(s), and URLs carrying credentials", async () => {
    for (const url of ["ftp://example.com/", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)", "not a url", "http://user:pw@example.com/"]) {
      expect(await refusal(url), url).toEqual({ code: "url_invalid" });
    }
  });

  it("re-checks every redirect: from the allowed server to private addresses, all refused", async () => {
    for (const to of ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", `http://localhost:${new URL(base).port}/page`, `${otherBase}/page`, "http://[::1]/"]) {
      expect(await refusal(`${base}/redirect?to=${encodeURIComponent(to)}`), to).toEqual({ code: "url_blocked" });
    }
    expect(await refusal(`${base}/redirect?to=${encodeURIComponent("file:///etc/passwd")}`)).toEqual({ code: "url_invalid" });
    expect(await refusal(`${base}/loop`, { maxRedirects: 3 })).toEqual({ code: "url_http_error", status: 301 });
    expect(seen.filter((s) => s.path === "/loop")).toHaveLength(4);
  });

  it("refuses error statuses and what is not HTML", async () => {
    expect(await refusal(`${base}/missing`)).toEqual({ code: "url_http_error", status: 404 });
    expect(await refusal(`${base}/json`)).toEqual({ code: "url_not_html", status: 200 });
    await expect(safeFetch(`${base}/json`, { accept: "application/json" })).resolves.toMatchObject({ contentType: "application/json" });
  });
});

describe("caps", () => {
  it("refuses a body over the size cap, declared or streamed, and a compressed body that inflates past it", async () => {
    const cap = { maxBytes: 1024 * 1024 };
    expect(await refusal(`${base}/big-declared`, cap)).toEqual({ code: "url_too_large" });
    const start = performance.now();
    expect(await refusal(`${base}/big-streamed`, cap)).toEqual({ code: "url_too_large" });
    expect(await refusal(`${base}/gzip-bomb`, cap)).toEqual({ code: "url_too_large" });
    expect(performance.now() - start).toBeLessThan(2000);
    const ok = await safeFetch(`${base}/gzip`);
    expect(Buffer.from(ok.body).toString()).toBe("<p>zipped</p>");
  });

  it("gives up at the total time limit: a server that never answers, and one that drips", async () => {
    for (const path of ["/hang", "/drip"]) {
      const start = performance.now();
      expect(await refusal(`${base}${path}`, { timeoutMs: 300 })).toEqual({ code: "url_timeout" });
      const ms = performance.now() - start;
      expect(ms).toBeGreaterThanOrEqual(290);
      expect(ms).toBeLessThan(1500);
    }
  });

  it("stops when its signal is aborted", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(await refusal(`${base}/hang`, { signal: controller.signal })).toEqual({ code: "url_timeout" });
  });
});

describe("an allowed server", () => {
  it("is fetched with our user agent, no cookies, its validators, and the final URL after redirects", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const res = await safeFetch(`${base}/redirect?to=%2Fpage#top`);
    expect(res).toMatchObject({ url: `${base}/page`, status: 200, contentType: "text/html; charset=utf-8", etag: '"v1"', lastModified: "Fri, 04 Dec 2026 08:00:00 GMT" });
    expect(Buffer.from(res.body).toString()).toContain("Fresh bread daily.");
    await safeFetch(`${base}/page`);
    expect(seen.map((s) => s.path)).toEqual(["/redirect?to=%2Fpage", "/page", "/page"]);
    for (const s of seen) {
      expect(s.headers["user-agent"]).toBe(USER_AGENT);
      expect(s.headers.cookie).toBeUndefined();
    }
    // The allowance warns once per process (it may have warned in an earlier test already).
    expect(warn.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it("opens only a loopback port through the allowance, never a private or metadata address", async () => {
    process.env.UNSAFE_FETCH_ALLOW_HOSTS = "intranet.test:80,10.0.0.1:80,169.254.169.254:80";
    const privateName = async () => [{ address: "10.1.2.3", family: 4 as const }];
    expect(await refusal("http://intranet.test/", { resolve: privateName })).toEqual({ code: "url_blocked" });
    expect(await refusal("http://10.0.0.1/")).toEqual({ code: "url_blocked" });
    expect(await refusal("http://169.254.169.254/latest/meta-data/")).toEqual({ code: "url_blocked" });
    delete process.env.UNSAFE_FETCH_ALLOW_HOSTS;
  });

  it("connects to the address it checked, never asking DNS again (a name pinned to loopback)", async () => {
    const port = new URL(base).port;
    process.env.UNSAFE_FETCH_ALLOW_HOSTS = `pinned.test:${port}`;
    let lookups = 0;
    const resolve = async () => {
      lookups++;
      return [{ address: "127.0.0.1", family: 4 as const }];
    };
    const res = await safeFetch(`http://pinned.test:${port}/page`, { resolve });
    expect(res.status).toBe(200);
    expect(lookups).toBe(1);
  });
});
