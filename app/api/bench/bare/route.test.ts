import { expect, it, vi } from "vitest";

const post = (query = "") => new Request(`http://localhost/api/bench/bare${query}`, { method: "POST" });

it("does not exist unless BENCH_BARE_ROUTE is set", async () => {
  vi.resetModules();
  delete process.env.BENCH_BARE_ROUTE;
  const route = await import("./route");
  expect(route.POST(post()).status).toBe(404);
  expect(route.POST(post("?chunks=20")).status).toBe(404);
  expect(route.GET(new Request("http://localhost/api/bench/bare?statements")).status).toBe(404);
});

it("answers a fixed body, or streams the fixed chunks the benchmark compares a reply with", async () => {
  vi.resetModules();
  process.env.BENCH_BARE_ROUTE = "true";
  try {
    const route = await import("./route");
    expect(await route.POST(post()).json()).toMatchObject({ object: "chat.completion" });
    const lines = (await route.POST(post("?chunks=20")).text()).trim().split("\n");
    expect(lines).toHaveLength(20);
    expect(JSON.parse(lines[19])).toEqual({ type: "text", text: "word19 " });
  } finally {
    delete process.env.BENCH_BARE_ROUTE;
  }
});
