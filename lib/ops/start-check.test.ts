import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it, vi } from "vitest";

// lib/env.ts reads the configuration once per module instance: each case imports it afresh.
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function problemWith(vars: Record<string, string | undefined>) {
  process.env = { ...saved };
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  vi.resetModules();
  const { startProblem } = await import("./start-check");
  return startProblem();
}

it("passes a valid configuration", async () => {
  expect(await problemWith({})).toBeNull();
});

it("names the bad variable and what it must be", async () => {
  expect(await problemWith({ SESSION_HOURS: "lots" })).toMatch(/^Invalid configuration: SESSION_HOURS: /);
  expect(await problemWith({ AUTH_SECRET: "short" })).toBe("Invalid configuration: AUTH_SECRET: must be at least 32 characters (npm run dev writes one into .env)");
  expect(await problemWith({ DATABASE_URL: "mysql://x" })).toContain("DATABASE_URL: must start with file: (SQLite) or postgresql://");
});

it("in production, refuses to start without AUTH_SECRET", async () => {
  expect(await problemWith({ NODE_ENV: "production", AUTH_SECRET: undefined })).toMatch(/^Invalid configuration: AUTH_SECRET is not set/);
});

it("refuses SQLite where its folder cannot be written, in one sentence pointing to PostgreSQL", async () => {
  const folder = mkdtempSync(path.join(tmpdir(), "cbf-ro-"));
  try {
    chmodSync(folder, 0o555);
    const readOnly = (await import("node:fs")).accessSync;
    // root may write anywhere a mode forbids; a read-only filesystem (EROFS) is what stops it here.
    let rootBypasses = false;
    try {
      readOnly(folder, 2);
      rootBypasses = true;
    } catch {}
    if (rootBypasses) vi.doMock("node:fs", async (original) => ({ ...(await original<typeof import("node:fs")>()), accessSync: () => { throw Object.assign(new Error("EROFS"), { code: "EROFS" }); } }));
    const problem = await problemWith({ DATABASE_URL: `file:${folder}/data/app.db` });
    expect(problem).toBe(`SQLite cannot run here: ${folder} is read-only (a serverless or read-only filesystem); set DATABASE_URL to a PostgreSQL database (postgresql://…).`);
  } finally {
    vi.doUnmock("node:fs");
    chmodSync(folder, 0o755);
    rmSync(folder, { recursive: true, force: true });
  }
});
