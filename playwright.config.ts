import { defineConfig, devices } from "@playwright/test";
import { PORTS } from "./e2e/ports";

// End-to-end against the production build (`next build` first), on its own port and database.
// E2E_DATABASE_URL picks PostgreSQL instead of the default SQLite file.
const PORT = PORTS.app;
export const BASE_URL = `http://127.0.0.1:${PORT}`;

// These start servers of their own (e2e/server.ts, each on its own port and database): one at a
// time, beside the other worker, so two of them never share the machine's two cores.
const OWN_SERVERS = /\/(drain|failure|instances|dev|flood|standalone|serverless|nginx)\.spec\.ts$/;
// Floods the suite's own server (a login burst fills the password-check queue): alone, after the rest.
const ALONE = /\/hostile\.spec\.ts$/;

const chromium = {
  ...devices["Desktop Chrome"],
  channel: undefined,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium-headless-shell",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  },
};

export default defineConfig({
  testDir: "e2e",
  // Every test arranges its own accounts and bots (e2e/fixtures.ts), so tests run two at a time;
  // a file that must not (wire.spec.ts) says so with test.describe.configure.
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS || 2),
  // In CI one retry: a test that fails under the full load and passes alone is reported as
  // "flaky" by name (and in the per-file times), not lost; locally a failure stops at once.
  retries: process.env.CI ? 1 : 0,
  // The axe sweep takes ~80 s and the two-instance tests ~70 s on a busy 2-core machine;
  // a stall is still caught by the 10 s expect timeout.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // list for progress; the per-file times at the end keep the slowest files in view.
  reporter: [["list"], ["./e2e/file-times-reporter.ts"]],
  use: {
    baseURL: BASE_URL,
    // A first visit follows the system's colour scheme; the specs are written for the dark default.
    colorScheme: "dark",
    trace: process.env.E2E_TRACE ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
  },
  projects: [
    // The installation's first account (the admin), registered through the form, saved signed in.
    { name: "setup", testMatch: /auth\.setup\.ts$/, use: chromium },
    { name: "chromium", dependencies: ["setup"], testIgnore: [OWN_SERVERS, ALONE], use: chromium },
    { name: "own-servers", dependencies: ["setup"], testMatch: OWN_SERVERS, workers: 1, use: chromium },
    { name: "alone", dependencies: ["chromium", "own-servers"], testMatch: ALONE, use: chromium },
  ],
  webServer: {
    command: `node scripts/e2e-server.mjs ${PORT}`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
