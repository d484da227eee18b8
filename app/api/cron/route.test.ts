import { afterAll, expect, it, vi } from "vitest";
import { sql } from "@/lib/db/direct";
import { db } from "@/lib/db/client";
import { enqueueJob, jobByKey } from "@/lib/jobs/queue";
import { registerJobHandler } from "@/lib/jobs/worker";
import { createChatbot } from "@/lib/db/chatbots";
import { botInput, makeUser } from "@/lib/testing/factories";
import { GET, POST } from "./route";

// Before anything reads the configuration (lib/env.ts reads it once).
const SECRET = vi.hoisted(() => (process.env.CRON_SECRET = "cron-secret-for-the-tests-0123456789"));

const kind = `test.cron.${Date.now()}`;
afterAll(() => sql(`DELETE FROM "Job" WHERE "kind" = $1`, [kind]));

const call = (handler: typeof GET, authorization?: string) =>
  handler(new Request("http://localhost/api/cron", { headers: authorization ? { authorization } : {} }));

it("answers 401 without the secret, with a wrong one, or with it outside a Bearer header, and runs nothing", async () => {
  const ran: unknown[] = [];
  registerJobHandler(kind, { run: async (payload) => void ran.push(payload) });
  await enqueueJob(kind, { n: 1 }, { key: `${kind}:a` });
  for (const authorization of [undefined, "Bearer wrong", `Bearer ${SECRET}x`, SECRET, `Basic ${SECRET}`]) {
    const response = await call(GET, authorization);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: "unauthenticated" });
  }
  expect(ran).toEqual([]);
  expect(await jobByKey(`${kind}:a`)).toMatchObject({ status: "queued" });
});

it("with the secret runs the due jobs and queues the due re-syncs; twice at once runs each job once", async () => {
  const ran: unknown[] = [];
  registerJobHandler(kind, { run: async (payload) => void ran.push(payload) });
  await enqueueJob(kind, { n: 2 }, { key: `${kind}:b` });
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  // A daily page on a blocked address: the re-sync runs in this same call and fails with its reason.
  const page = await db.knowledgeSource.create({
    data: { chatbotId: bot.id, kind: "url", name: "x", url: "http://10.0.0.1/", syncSchedule: "daily", nextSyncAt: new Date(Date.now() - 1000), status: "ready" },
  });
  const [a, b] = await Promise.all([call(GET, `Bearer ${SECRET}`), call(POST, `Bearer ${SECRET}`)]);
  expect([a.status, b.status]).toEqual([200, 200]);
  const results = [await a.json(), await b.json()];
  expect(results.reduce((n, r) => n + r.done, 0)).toBeGreaterThanOrEqual(3);
  expect(ran.toSorted((x, y) => (x as { n: number }).n - (y as { n: number }).n)).toEqual([{ n: 1 }, { n: 2 }]);
  expect(await jobByKey(`${kind}:a`)).toBeNull();
  const synced = await db.knowledgeSource.findUniqueOrThrow({ where: { id: page.id } });
  expect(synced).toMatchObject({ status: "failed", errorCode: "url_blocked" });
  expect(synced.nextSyncAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
});

it("answers 401 to everyone when CRON_SECRET is not set", async () => {
  delete process.env.CRON_SECRET;
  vi.resetModules(); // the configuration is read again, without the secret
  try {
    const { GET: unset } = await import("./route");
    for (const authorization of [undefined, "Bearer ", "Bearer undefined", `Bearer ${SECRET}`]) expect((await call(unset, authorization)).status).toBe(401);
  } finally {
    process.env.CRON_SECRET = SECRET;
  }
});
