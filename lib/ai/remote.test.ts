import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeLlm } from "@/scripts/fake-llm.mjs";

// Every remote adapter against a local server speaking that provider's streaming wire format.
type Fake = { url: string; close: () => Promise<void>; state: { scenario: string; requests: { path: string; search: string; headers: Record<string, string>; body: Record<string, unknown> }[] } };
const fake: Fake = await startFakeLlm({ reply: "Fresh bread every morning." });
process.env.OPENAI_API_KEY = "sk-test-openai";
process.env.OPENAI_BASE_URL = `${fake.url}/v1`;
process.env.GEMINI_API_KEY = "test-gemini-key";
process.env.GEMINI_BASE_URL = `${fake.url}/v1beta`;
process.env.ANTHROPIC_API_KEY = "test-anthropic-key";
process.env.ANTHROPIC_BASE_URL = `${fake.url}/v1`;
const { streamReply, availableProviders, AiError } = await import("./index");

afterAll(() => fake.close());
beforeEach(() => {
  fake.state.scenario = "ok";
  fake.state.requests.length = 0;
  vi.spyOn(console, "error").mockImplementation(() => {});
});

const request = (provider: "openai" | "gemini" | "anthropic", extra: Record<string, unknown> = {}) => ({
  provider,
  model: "test-model",
  systemPrompt: "You are the bakery's assistant.",
  temperature: 0.3,
  maxOutputTokens: 200,
  fallbackMessage: "",
  knowledge: [],
  history: [
    { role: "user" as const, content: "Hi there" },
    { role: "assistant" as const, content: "Hello! How can I help?" },
    { role: "user" as const, content: "When do you bake?" },
  ],
  timeoutMs: 1500,
  ...extra,
});

async function run(req: ReturnType<typeof request>) {
  let text = "";
  let finish: Record<string, unknown> | undefined;
  let chunks = 0;
  for await (const event of streamReply(req)) {
    if (event.type === "text") {
      text += event.text;
      chunks++;
    } else finish = event;
  }
  return { text, finish, chunks };
}

const errorCode = (req: ReturnType<typeof request>) =>
  run(req).then(
    () => "no error",
    (e) => (e instanceof AiError ? e.code : `unexpected ${e}`),
  );

const PROVIDERS = ["openai", "gemini", "anthropic"] as const;

it("offers every configured provider besides the built-in one", () => {
  expect(availableProviders()).toEqual(["builtin", "openai", "gemini", "anthropic"]);
});

describe.each(PROVIDERS)("%s", (provider) => {
  it("sends system prompt, history, temperature, token cap and key, and assembles the streamed reply", async () => {
    const { text, finish, chunks } = await run(request(provider));
    expect(text).toBe("Fresh bread every morning.");
    expect(chunks).toBeGreaterThan(1);
    expect(finish).toMatchObject({ type: "finish", finishReason: "stop", inputTokens: 12, outputTokens: 4 });
    expect(finish?.latencyMs).toEqual(expect.any(Number));

    const [sent] = fake.state.requests;
    const body = sent.body as Record<string, never>;
    const wire = JSON.stringify(body);
    expect(wire).toContain("You are the bakery's assistant.");
    expect(wire).toContain("Hello! How can I help?");
    expect(wire).toContain("When do you bake?");
    if (provider === "openai") {
      expect(sent.path).toBe("/v1/chat/completions");
      expect(sent.headers.authorization).toBe("Bearer sk-test-openai");
      expect(body).toMatchObject({ model: "test-model", temperature: 0.3, max_tokens: 200, stream: true });
      expect(body.messages).toEqual([
        { role: "system", content: "You are the bakery's assistant." },
        { role: "user", content: "Hi there" },
        { role: "assistant", content: "Hello! How can I help?" },
        { role: "user", content: "When do you bake?" },
      ]);
    }
    if (provider === "gemini") {
      expect(sent.path).toBe("/v1beta/models/test-model:streamGenerateContent");
      expect(sent.headers["x-goog-api-key"]).toBe("test-gemini-key");
      expect(body).toMatchObject({ generationConfig: { temperature: 0.3, maxOutputTokens: 200 }, systemInstruction: { parts: [{ text: "You are the bakery's assistant." }] } });
      expect((body.contents as { role: string }[]).map((c) => c.role)).toEqual(["user", "model", "user"]);
    }
    if (provider === "anthropic") {
      expect(sent.path).toBe("/v1/messages");
      expect(sent.headers["x-api-key"]).toBe("test-anthropic-key");
      expect(body).toMatchObject({ model: "test-model", temperature: 0.3, max_tokens: 200, stream: true, system: [{ type: "text", text: "You are the bakery's assistant." }] });
      expect((body.messages as { role: string }[]).map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    }
  });

  it.each([
    ["401", "provider_auth"],
    ["429", "provider_rate_limited"],
    ["500", "provider_error"],
    ["hang", "provider_timeout"],
    ["malformed", "provider_bad_response"],
  ])("maps a %s answer to %s, without the key in the error", async (scenario, code) => {
    fake.state.scenario = scenario;
    expect(await errorCode(request(provider))).toBe(code);
    const logged = vi.mocked(console.error).mock.calls.flat().join(" ");
    expect(logged).not.toMatch(/sk-test-openai|test-gemini-key|test-anthropic-key/);
  });

  it("stops when the visitor leaves and says so", async () => {
    fake.state.scenario = "ok";
    const controller = new AbortController();
    const events: string[] = [];
    const slow = request(provider, { signal: controller.signal, history: [{ role: "user", content: "[[slow]] go" }], timeoutMs: 10_000 });
    for await (const event of streamReply(slow)) {
      events.push(event.type === "text" ? event.text : `finish:${event.finishReason}`);
      if (events.length === 2) controller.abort();
    }
    expect(events.length).toBeLessThan(10);
    expect(events.at(-1)).toBe("finish:aborted");
  });
});

it("reports an unreachable provider", async () => {
  process.env.OPENAI_BASE_URL = "http://127.0.0.1:9/v1";
  vi.resetModules();
  const fresh = await import("./index");
  const result = await (async () => {
    try {
      for await (const event of fresh.streamReply(request("openai"))) void event;
      return "no error";
    } catch (e) {
      return e instanceof fresh.AiError ? e.code : String(e);
    }
  })();
  expect(result).toBe("provider_unreachable");
});
