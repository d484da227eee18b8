import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { HSTS, STATIC_SECURITY_HEADERS } from "./lib/security/headers";

// Messages are compiled at build time: the browser gets use-intl's small formatter instead of
// an ICU parser (intl-messageformat, ~9 kB gzip on every page; bench/first-load.mjs).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", sourceLocale: "en", precompile: true } },
});

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // .next/standalone: the server with only the files it uses, for one server or a container
  // (scripts/standalone.mjs adds the static files and the migrations; docs/deploy.md). `next start`
  // still serves .next as before.
  output: "standalone",
  // The `next dev` smoke test (e2e/dev-server.ts) builds into a folder of its own: a developer's
  // `npm run dev` (running, or its cache and lock left in .next/dev) must not meet the test's.
  ...(process.env.E2E_DEV_DIST_DIR ? { distDir: process.env.E2E_DEV_DIST_DIR } : {}),
  // Loaded by worker threads from node_modules, not imported (lib/auth/hash-pool.ts,
  // lib/knowledge/pdf-worker.ts): listed so a traced deploy (serverless, standalone) carries them.
  outputFileTracingIncludes: { "/**": ["./node_modules/bcryptjs/**", "./node_modules/unpdf/**"] },
  serverExternalPackages: ["libsql", "@libsql/client", "@prisma/adapter-libsql", "pg", "@prisma/adapter-pg"],
  // The API answers data, never pages: static headers here instead of proxy.ts, whose per-request
  // nonce it has no use for and which cost 2 ms of every chat reply's start (bench/chat.mjs).
  async headers() {
    const api = { ...STATIC_SECURITY_HEADERS, "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'" };
    // widget.js is loaded by other sites: its URL never changes (it is pasted into them), so it is
    // cached for an hour and revalidated by ETag; the file carries its version to the embed.
    const widget = {
      "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400",
      "Cross-Origin-Resource-Policy": "cross-origin",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    };
    // Next's own files (hashed scripts, styles, fonts): never read as another type, no referrer beyond the origin (finding 4).
    const files = { "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin" };
    return [
      { source: "/_next/static/:path*", headers: Object.entries(files).map(([key, value]) => ({ key, value })) },
      { source: "/_next/image", headers: Object.entries(files).map(([key, value]) => ({ key, value })) },
      { source: "/api/:path*", headers: Object.entries(api).map(([key, value]) => ({ key, value })) },
      { source: "/widget.js", headers: Object.entries(widget).map(([key, value]) => ({ key, value })) },
      {
        source: "/api/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: HSTS }],
      },
    ];
  },
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default withNextIntl(nextConfig);
