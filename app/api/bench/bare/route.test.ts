import { expect, it, vi } from "vitest";

it("does not exist unless BENCH_BARE_ROUTE is set", async () => {
  vi.resetModules();
  delete process.env.BENCH_BARE_ROUTE;
  expect((await (await import("./route")).POST()).status).toBe(404);
  vi.resetModules();
  process.env.BENCH_BARE_ROUTE = "true";
  try {
    const response = (await import("./route")).POST();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ object: "chat.completion" });
  } finally {
    delete process.env.BENCH_BARE_ROUTE;
  }
});
