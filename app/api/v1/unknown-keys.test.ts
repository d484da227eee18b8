import { randomBytes } from "node:crypto";
import { expect, it, vi } from "vitest";
import { generateApiKey } from "@/lib/auth/api-keys";
import { createApiKey } from "@/lib/db/api-keys";
import { db } from "@/lib/db/client";
import { makeUser } from "@/lib/testing/factories";
import { apiKeySchema } from "@/lib/validation/api-key";

// Issue 18, finding 8: made-up keys cost a database read each; one address gets a few a minute.
vi.hoisted(() => {
  process.env.TRUSTED_PROXY_HOPS = "1";
  process.env.API_KEY_FAILURES_PER_IP_PER_MINUTE = "5";
});
const models = await import("./models/route");

const madeUp = () => `cbf_${randomBytes(20).toString("base64url")}`;
const list = (key: string, ip: string) => models.GET(new Request("http://test/api/v1/models", { headers: { authorization: `Bearer ${key}`, "x-forwarded-for": ip } }));

it("refuses an address that sent too many unknown keys before looking its next key up, valid or not; other addresses go on", async () => {
  const user = await makeUser();
  const secret = generateApiKey();
  await createApiKey(user, apiKeySchema.parse({ name: "Real", scope: "all" }), secret);
  const lookups = vi.spyOn(db.apiKey, "findUnique");

  for (let i = 0; i < 5; i++) expect((await list(madeUp(), "203.0.113.7")).status).toBe(401);
  const before = lookups.mock.calls.length;
  const refused = await list(madeUp(), "203.0.113.7");
  expect(refused.status).toBe(429);
  expect(await refused.json()).toMatchObject({ error: { code: "too_many_requests" } });
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  // Even the real key, from that address, waits: the address is refused before any lookup.
  expect((await list(secret.key, "203.0.113.7")).status).toBe(429);
  // A forged X-Forwarded-For entry in front of the proxy's own does not change the address.
  expect((await list(madeUp(), "198.51.100.1, 203.0.113.7")).status).toBe(429);
  expect(lookups.mock.calls.length).toBe(before);

  expect((await list(secret.key, "203.0.113.8")).status).toBe(200);
});
