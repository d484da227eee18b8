import { afterEach, expect, it, vi } from "vitest";
import { describeError, formatLine, logRequestError, redact } from "./log";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.restoreAllMocks();
});

const NOW = new Date("2026-12-04T10:00:00.000Z");

it("scrubs every configured secret, wherever it appears", () => {
  Object.assign(process.env, {
    AUTH_SECRET: "auth-secret-auth-secret-auth-secret-0001",
    CRON_SECRET: "cron-secret-cron-0002",
    OPENAI_API_KEY: "plainkeywithoutshape0003",
    DATABASE_URL: "postgresql://app:db%40pass0004@db.internal:5432/cbf",
    REDIS_URL: "redis://:redispass0005@cache:6379",
  });
  const text = redact("signing with auth-secret-auth-secret-auth-secret-0001, cron cron-secret-cron-0002, key plainkeywithoutshape0003, db db@pass0004, redis redispass0005");
  expect(text).not.toMatch(/000[1-5]/);
  expect(text.match(/\[redacted\]/g)).toHaveLength(5);
});

it("scrubs anything shaped like a credential", () => {
  const cases = [
    "connect to postgresql://user:hunter2secret@10.0.0.1:5432/db failed",
    "Authorization: Bearer cbf_AbCdEfGhIjKlMnOpQrStUvWxYz0",
    "header Basic dXNlcjpodW50ZXIyc2VjcmV0",
    "the key cbf_AbCdEfGhIjKlMnOpQrStUvWxYz0 was revoked",
    "OpenAI said: Incorrect API key provided: sk-proj-abcdefghijkl1234",
    "Gemini key AIzaSyA1234567890abcdefghijklmnop rejected",
    "POST /reset?token=hunter2secret&x=1",
    '{"password":"hunter2secret","name":"ok"}',
    "password: hunter2secret",
    "api_key=hunter2secret",
  ];
  for (const line of cases) {
    const out = redact(line);
    expect(out, line).toContain("[redacted]");
    expect(out, line).not.toMatch(/hunter2secret|AbCdEfGh|dXNlcjpo|abcdefghijkl1234|AIzaSyA1234/);
  }
  expect(redact('{"password":"hunter2secret","name":"ok"}')).toContain('"name":"ok"');
});

it("logs a database error by its name, code and model: never Prisma's message, which quotes the arguments", () => {
  const error = Object.assign(new Error("Invalid `prisma.message.create()` invocation: { data: { content: \"my private message\" } }"), {
    name: "PrismaClientKnownRequestError",
    code: "P2002",
    clientVersion: "6.19.3",
    meta: { modelName: "Message" },
  });
  const fields = describeError(error);
  expect(fields).toMatchObject({ error: "PrismaClientKnownRequestError", code: "P2002", model: "Message" });
  expect(JSON.stringify(fields)).not.toContain("private message");
});

it("drops fields whose names say they hold a secret or a body", () => {
  const line = formatLine("error", "x", { password: "p1", apiKey: "k1", authorization: "a1", content: "body1", message: "m1", email: "e@x.io", route: "/api/x" }, NOW);
  expect(line).not.toMatch(/p1|k1|a1|body1|m1|e@x\.io/);
  expect(line).toContain("route=/api/x");
});

it("writes one plain line by default, one JSON object with LOG_FORMAT=json", () => {
  const error = new Error("boom\nsecond line");
  delete process.env.LOG_FORMAT;
  const text = formatLine("error", "request.failed", { requestId: "req-12345678", ...describeError(error) }, NOW);
  expect(text.split("\n")).toHaveLength(1);
  expect(text).toMatch(/^2026-12-04T10:00:00.000Z ERROR request.failed requestId=req-12345678 error=Error detail="boom second line" at=/);
  process.env.LOG_FORMAT = "json";
  const json = formatLine("error", "request.failed", { requestId: "req-12345678", ...describeError(error) }, NOW);
  expect(json.split("\n")).toHaveLength(1);
  expect(JSON.parse(json)).toMatchObject({ time: NOW.toISOString(), level: "error", event: "request.failed", requestId: "req-12345678", error: "Error", detail: "boom second line" });
});

it("logRequestError writes one line, outside a request without an id", async () => {
  const written = vi.spyOn(console, "error").mockImplementation(() => {});
  process.env.LOG_FORMAT = "json";
  logRequestError("request.failed", new Error("the provider key sk-abcdefghijkl9999 failed"));
  await vi.waitFor(() => expect(written).toHaveBeenCalledTimes(1));
  const line = String(written.mock.calls[0][0]);
  expect(JSON.parse(line)).toMatchObject({ level: "error", event: "request.failed", error: "Error" });
  expect(line).not.toContain("abcdefghijkl9999");
});
