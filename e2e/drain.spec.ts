import { expect, test } from "@playwright/test";
import Database from "libsql";
import { rmSync } from "node:fs";
import { PORTS } from "./ports";
import { startServer } from "./server";
import { uniqueUser } from "./pages";

// SECURITY.md #40: SIGTERM while replies stream. A server of its own, on a SQLite file of its own.
const FILE = "./data/e2e-drain.db";
const REPLY = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");

test("SIGTERM while replies stream: they finish, new requests are refused, the process exits and the database is intact", async ({ browser }) => {
  test.skip(!!process.env.E2E_DATABASE_URL?.startsWith("postgresql://"), "about SQLite: runs once, in the SQLite run");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(FILE + suffix, { force: true });
  // Imported when run: the module has top-level await, which Playwright's loader cannot require.
  const { startFakeLlm } = await import("../scripts/fake-llm.mjs");
  const fake = await startFakeLlm({ reply: REPLY, paceMs: 60 });
  const server = await startServer(PORTS.drain, { DATABASE_URL: `file:${FILE}`, OPENAI_BASE_URL: `${fake.url}/v1`, OPENAI_API_KEY: "sk-drain" });
  try {
    const page = await browser.newPage({ baseURL: server.url });
    const user = uniqueUser("drain");
    await page.goto("/register");
    await page.getByRole("textbox", { name: "Username", exact: true }).fill(user.username);
    await page.getByRole("textbox", { name: "Email", exact: true }).fill(user.email);
    await page.getByRole("textbox", { name: "Password", exact: true }).fill(user.password);
    await page.getByRole("textbox", { name: "Confirm password", exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    const db = new Database(FILE);
    const owner = db.prepare(`SELECT id FROM "User" WHERE username = ?`).get(user.username) as { id: string };
    db.prepare(`INSERT INTO "Chatbot" (id, "ownerId", name, provider, model, "publicId", "updatedAt") VALUES ('drainbot', ?, 'Drain', 'openai', 'fake', 'drain-public-id', ?)`).run(owner.id, Date.now());
    db.close();

    // Five replies streaming (each about 2 s) when the signal comes.
    const chats = Array.from({ length: 5 }, (_, i) => page.request.post("/api/chatbots/drainbot/chat", { data: { message: `question ${i}` }, timeout: 60_000 }));
    await expect.poll(() => fake.state.requests.length, { timeout: 15_000 }).toBe(5);
    server.proc.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    const late = await fetch(`${server.url}/api/health`).then((r) => `answered ${r.status}`, () => "refused");
    expect(late).toBe("refused");

    for (const response of await Promise.all(chats)) {
      const events = (await response.text()).trim().split("\n").map((l) => JSON.parse(l));
      expect(events.at(-1)).toMatchObject({ type: "done", finishReason: "stop" });
      expect(events.filter((e) => e.type === "text").map((e) => e.text).join("")).toBe(REPLY);
    }
    // Next exits with 128 + SIGTERM once every request has finished.
    expect(await server.exited).toBe(143);

    const after = new Database(FILE);
    expect(after.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    expect(after.prepare(`SELECT count(*) AS n FROM "Message" WHERE role = 'assistant' AND content = ?`).get(REPLY)).toEqual({ n: 5 });
    after.close();
  } finally {
    server.stop();
    await fake.close();
  }
});
