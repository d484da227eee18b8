import { afterEach, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { GET } from "./route";

afterEach(() => vi.restoreAllMocks());

it("answers 200 ok when the database answers", async () => {
  const response = await GET();
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});

it("answers 503 when the database does not, without the error's details", async () => {
  vi.spyOn(db, "$queryRawUnsafe").mockRejectedValue(new Error("connect ECONNREFUSED 10.0.0.1:5432"));
  vi.spyOn(console, "error").mockImplementation(() => {});
  const response = await GET();
  expect(response.status).toBe(503);
  const body = await response.text();
  expect(JSON.parse(body)).toEqual({ status: "unavailable" });
  expect(body).not.toContain("ECONNREFUSED");
});
