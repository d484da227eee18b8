import { afterAll, describe, expect, it, vi } from "vitest";
import { generateApiKey } from "@/lib/auth/api-keys";
import { createApiKey } from "@/lib/db/api-keys";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { addSource } from "@/lib/testing/knowledge";
import { botInput, makeUser } from "@/lib/testing/factories";
import { apiKeySchema } from "@/lib/validation/api-key";
import type { ChatbotData } from "@/lib/validation/chatbot";
import { startFakeLlm } from "@/scripts/fake-llm.mjs";

// The HTTP API's replies carry their sources: the native endpoint as `sources` (and a `sources`
// event when streaming), the OpenAI-compatible one as the documented extra field on the message
// (and on the finishing chunk's delta); a conversation read back keeps them.

vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => `t:${key}` }));
const FAKE_PORT = vi.hoisted(() => {
  const port = 34_000 + (process.pid % 500) * 2 + Number(process.env.VITEST_POOL_ID ?? 1) - 1;
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${port}/v1`;
  process.env.OPENAI_API_KEY = "sk-api-sources-test";
  return port;
});
const fake = await startFakeLlm({ port: FAKE_PORT, reply: "Return it within 30 days [1]." });
const chatRoute = await import("./chatbots/[id]/chat/route");
const oneRoute = await import("./chatbots/[id]/conversations/[conversationId]/route");
const completionsRoute = await import("./chat/completions/route");
afterAll(() => fake.close());

const RETURNS = {
  name: "Returns policy.docx",
  pieces: [
    { text: "You can return any unused item within 30 days of delivery. Sale items cannot be returned.", heading: "Returning an item" },
    { text: "The refund goes back to the card you paid with within five working days.", heading: "Refunds" },
  ],
};
const returning = { ref: null, kind: "file", name: "Returns policy.docx", page: null, heading: "Returning an item", url: null };

async function apiBot(overrides: Partial<ChatbotData> = {}) {
  const user = await makeUser();
  const bot = await createChatbot(user, botInput(overrides));
  const { publicId } = await db.chatbot.update({ where: { id: bot.id }, data: { apiEnabled: true }, select: { publicId: true } });
  await addSource(bot.id, RETURNS);
  const secret = generateApiKey();
  await createApiKey(user, apiKeySchema.parse({ name: "Test", scope: "all" }), secret);
  return { publicId, key: secret.key };
}

const post = (route: { POST: (r: Request, c: never) => Promise<Response> }, key: string, body: unknown, params?: object) =>
  route.POST(new Request("http://test/api/v1", { method: "POST", headers: { authorization: `Bearer ${key}` }, body: JSON.stringify(body) }), { params: Promise.resolve(params) } as never);
const sseData = (text: string) =>
  text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => block.replace(/^data: /, ""))
    .map((data) => (data === "[DONE]" ? data : JSON.parse(data)));

describe("sources on the HTTP API", () => {
  it("native: in the JSON answer, as an event when streaming, and in the conversation read back", async () => {
    const { publicId, key } = await apiBot();
    const response = await post(chatRoute, key, { message: "How many days do I have to return an item?" }, { id: publicId });
    const body = await response.json();
    expect(body).toMatchObject({ reply: "You can return any unused item within 30 days of delivery. Sale items cannot be returned.", sources: [returning] });

    const read = await oneRoute.GET(new Request("http://test/x", { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ id: publicId, conversationId: body.conversationId }) });
    expect((await read.json()).messages.map((m: { sources: unknown }) => m.sources)).toEqual([[], [returning]]);

    const streamed = sseData(await (await post(chatRoute, key, { message: "return an item", stream: true }, { id: publicId })).text());
    expect(streamed.map((e) => e.type)).toEqual(["start", ...streamed.filter((e) => e.type === "text").map(() => "text"), "sources", "done"]);
    expect(streamed.find((e) => e.type === "sources").sources).toEqual([returning]);

    const none = await (await post(chatRoute, key, { message: "Do you repair bicycles?" }, { id: publicId })).json();
    expect(none).toMatchObject({ reply: "t:default_fallback", sources: [] });
  });

  it("OpenAI-compatible: on the choice's message, and on the finishing chunk's delta when streaming", async () => {
    const { publicId, key } = await apiBot({ provider: "openai", model: "m" });
    const completion = await (await post(completionsRoute, key, { model: publicId, messages: [{ role: "user", content: "Can I return an item after two weeks?" }] })).json();
    expect(completion.choices[0].message).toEqual({ role: "assistant", content: "Return it within 30 days [1].", refusal: null, sources: [{ ...returning, ref: 1 }] });

    const chunks = sseData(await (await post(completionsRoute, key, { model: publicId, stream: true, messages: [{ role: "user", content: "return an item" }] })).text());
    const finishing = chunks.find((c) => c !== "[DONE]" && c.choices[0]?.finish_reason);
    expect(finishing.choices[0]).toMatchObject({ finish_reason: "stop", delta: { sources: [{ ...returning, ref: 1 }] } });
    expect(chunks.at(-1)).toBe("[DONE]");
  });
});
