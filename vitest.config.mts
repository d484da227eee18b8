import path from "node:path";
import { defineConfig } from "vitest/config";
import { TEST_WORKERS } from "./lib/testing/worker-db.mjs";

// DATABASE_URL picks the database under test: a SQLite file by default, PostgreSQL in `npm run test:pg`.
// Set here, not in test.env, so the global setup (which migrates it) sees the same one.
process.env.DATABASE_URL ||= "file:./data/vitest.db";
process.env.AUTH_SECRET ||= "vitest-secret-vitest-secret-vitest-secret";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React's server build; the tests are that server.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/empty.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    globalSetup: ["lib/testing/global-setup.ts"],
    // The usual output, then each file's time so the slowest stay in view.
    reporters: ["default", "./lib/testing/file-times-reporter.ts"],
    // Two files at a time, one per core, each worker on its own copy of the database
    // (lib/testing/worker-db.mjs). Alone, the suite keeps both cores ~90 % busy.
    maxWorkers: TEST_WORKERS,
    // Threads, not child processes: each file's imports (Prisma, next-intl, the app) load about a
    // fifth faster, and the whole unit run takes ~20 % less CPU on a 2-core machine.
    pool: "threads",
    setupFiles: ["lib/testing/worker-setup.ts"],
    // Integration tests share the machine with a production build in `npm test`; 5 s was too
    // tight under that load, and a real stall still fails.
    testTimeout: 20_000,
    // next-auth imports "next/server" without an extension; bundled by Vite it resolves.
    server: { deps: { inline: ["next-auth"] } },
  },
});
