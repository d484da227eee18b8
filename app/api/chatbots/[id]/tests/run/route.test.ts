import { describe, expect, it, vi } from "vitest";
import { addTest, latestRun } from "@/lib/db/bot-tests";
import { createChatbot } from "@/lib/db/chatbots";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { POST } from "./route";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));

// An owner who presses Cancel before the first line arrives leaves a response nobody reads again:
// the run must still be stored as cancelled, or "a run is already going" refuses the next one.
describe("POST /api/chatbots/[id]/tests/run", () => {
  it("stores the run as cancelled when the owner leaves before reading, and the next run may start", async () => {
    const owner = await makeUser();
    const bot = await createChatbot(owner, botInput());
    await addTest(owner, bot.id, { question: "When do you open?", expected: "", mustNotContain: "", mustUseSource: "" });
    await addTest(owner, bot.id, { question: "Do you deliver?", expected: "", mustNotContain: "", mustUseSource: "" });
    actAs(owner);
    const run = async (signal: AbortSignal) =>
      POST(new Request(`http://localhost.test:3000/api/chatbots/${bot.id}/tests/run`, { method: "POST", headers: { host: "localhost.test:3000", "content-type": "application/json" }, body: "{}", signal }), {
        params: Promise.resolve({ id: bot.id }),
      });

    const left = new AbortController();
    const response = await run(left.signal);
    expect(response.status).toBe(200);
    left.abort();
    await expect.poll(async () => (await latestRun(owner, bot.id))?.status).toBe("cancelled");
    expect((await latestRun(owner, bot.id))?.results).toHaveLength(0);

    const next = await run(new AbortController().signal);
    expect(next.status).toBe(200);
    const lines = (await next.text()).trim().split("\n").map((line) => JSON.parse(line) as { type: string; status?: string });
    expect(lines.at(-1)).toEqual({ type: "end", status: "done" });
    expect((await latestRun(owner, bot.id))?.results).toHaveLength(2);
  });
});
