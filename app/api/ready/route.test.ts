import { afterEach, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { GET } from "./route";

afterEach(() => vi.restoreAllMocks());

it("answers 200 when the database answers", async () => {
  const response = await GET();
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(await response.json()).toEqual({ status: "ok", checks: { database: "ok" } });
});

it("answers 503 when the database does not, naming the check without the error's details", async () => {
  vi.spyOn(db, "$queryRawUnsafe").mockRejectedValue(new Error("connect ECONNREFUSED 10.0.0.1:5432"));
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  const response = await GET();
  expect(response.status).toBe(503);
  const body = await response.text();
  expect(JSON.parse(body)).toEqual({ status: "unavailable", checks: { database: "unavailable" } });
  expect(body).not.toContain("ECONNREFUSED");
  expect(logged.mock.calls.flat().join(" ")).toContain("ECONNREFUSED");
});

it("answers 503 when the database hangs, within the check's bound", async () => {
  vi.spyOn(db, "$queryRawUnsafe").mockReturnValue(new Promise(() => {}) as never);
  vi.spyOn(console, "error").mockImplementation(() => {});
  const started = Date.now();
  const response = await GET();
  expect(response.status).toBe(503);
  expect(Date.now() - started).toBeLessThan(4000);
});

it("with REDIS_URL also asks Redis: ok when it answers, 503 naming it when it does not", async () => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  const saved = process.env.REDIS_URL;
  try {
    for (const [url, status, state] of [
      [process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379", 200, "ok"],
      ["redis://127.0.0.1:1", 503, "unavailable"],
    ] as const) {
      process.env.REDIS_URL = url;
      vi.resetModules(); // the configuration is read again
      const { GET: get } = await import("./route");
      const response = await get();
      expect(response.status).toBe(status);
      expect((await response.json()).checks).toEqual({ database: "ok", redis: state });
    }
  } finally {
    if (saved === undefined) delete process.env.REDIS_URL;
    else process.env.REDIS_URL = saved;
  }
});
