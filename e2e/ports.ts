// Every port the end-to-end suite listens on, from one setting: E2E_PORT (default 3100) is the
// app's, and the others follow it, so a machine where 3100–3110 are taken moves them all at once
// (docs/testing.md). The fake model servers take any free port.
const BASE = Number(process.env.E2E_PORT || 3100);

export const PORTS = {
  /** The suite's own production server (playwright.config.ts). */
  app: BASE,
  /** widget.spec.ts: a host page allowed to show the widget, and one that is not. */
  widgetHost: BASE + 1,
  otherHost: BASE + 2,
  /** Specs that start servers of their own (e2e/server.ts, e2e/dev-server.ts). */
  drain: BASE + 3,
  failure: BASE + 4,
  instancesPostgres: [BASE + 5, BASE + 6],
  instancesRedis: [BASE + 7, BASE + 8],
  dev: BASE + 9,
  flood: BASE + 10,
  /** knowledge.spec.ts: a small site the app crawls (allowed by UNSAFE_FETCH_ALLOW_HOSTS in scripts/e2e-server.mjs). */
  knowledgeSite: BASE + 11,
} as const;
