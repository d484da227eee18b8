import path from "node:path";
import { defineConfig } from "vitest/config";

// DATABASE_URL picks the database under test: a SQLite file by default, PostgreSQL in `npm run test:pg`.
const databaseUrl = process.env.DATABASE_URL || "file:./data/vitest.db";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside React's server build; the tests are that server.
      "server-only": path.resolve(__dirname, "lib/testing/empty.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    globalSetup: ["lib/testing/global-setup.ts"],
    env: { DATABASE_URL: databaseUrl, AUTH_SECRET: "vitest-secret-vitest-secret-vitest-secret" },
    fileParallelism: false,
  },
});
