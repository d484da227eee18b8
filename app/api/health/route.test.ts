import { afterEach, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { GET } from "./route";

afterEach(() => vi.restoreAllMocks());

it("answers 200 ok without asking the database (liveness)", async () => {
  const query = vi.spyOn(db, "$queryRawUnsafe").mockRejectedValue(new Error("connect ECONNREFUSED 10.0.0.1:5432"));
  const response = GET();
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(await response.json()).toEqual({ status: "ok" });
  expect(query).not.toHaveBeenCalled();
});
