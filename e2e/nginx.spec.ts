import { expect, test } from "@playwright/test";
import { sql } from "./db";
import { ask, startNginx } from "./deploy";
import { ChatbotFormPage, LoginPage, RegisterPage, expectToast, logout, uniqueUser } from "./pages";
import { PORTS } from "./ports";
import { startServer } from "./server";

// Several instances (docs/deploy.md): two app servers on one PostgreSQL and one Redis behind
// Debian's nginx, round-robin. A newcomer registers, logs in, edits a bot and chats while the
// requests land on both; a session signed out on one is refused by both; then one instance is killed mid-reply and no stored message of the
// others is lost, while nginx carries on with the survivor. PostgreSQL run only.
const REDIS = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";
const REPLY = "Stored by whichever instance answered.";

test("two instances behind nginx: register, log in, edit a bot, chat across both, a session signed out is refused by both; one killed mid-reply loses no other stored message", async ({ browser }) => {
  const url = process.env.E2E_DATABASE_URL ?? "";
  test.skip(!url.startsWith("postgresql://"), "several instances need PostgreSQL (the PostgreSQL run)");
  const { startFakeLlm } = await import("../scripts/fake-llm.mjs");
  const fake = await startFakeLlm({ reply: REPLY, paceMs: 10 });
  const env = { DATABASE_URL: url, REDIS_URL: REDIS, TRUSTED_PROXY_HOPS: "1", OPENAI_BASE_URL: `${fake.url}/v1`, OPENAI_API_KEY: "sk-nginx" };
  const servers = await Promise.all(PORTS.behindNginx.map((port) => startServer(port, env, { migrate: false })));
  const nginx = await startNginx(PORTS.nginx, PORTS.behindNginx);
  try {
    const page = await browser.newPage({ baseURL: nginx.url });
    const answeredBy = new Set<string>();
    page.on("response", (response) => {
      const upstream = response.headers()["x-upstream"];
      if (upstream && response.request().resourceType() !== "image") answeredBy.add(upstream.split(",").pop()!.trim());
    });

    // Register, log out, log in: the session made on one instance is honoured by the other.
    const user = uniqueUser("nginx");
    await new RegisterPage(page).register(user);
    await logout(page);
    await new LoginPage(page).login(user.username, user.password);
    await expect(page).toHaveURL(/\/dashboard$/);

    // Create and edit a bot.
    const botId = await new ChatbotFormPage(page).create({ name: "Balanced bot" });
    await page.goto(`/chatbots/${botId}/edit`);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Balanced bot, edited");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expectToast(page, "Changes saved.");
    await expect(page.getByRole("heading", { level: 1, name: "Balanced bot, edited" })).toBeVisible();

    // It answers through the (fake) OpenAI-compatible provider from here on.
    await sql(`UPDATE "Chatbot" SET provider = 'openai', model = 'fake' WHERE id = $1`, [botId]);
    await page.goto(`/chatbots/${botId}`);
    await page.getByRole("link", { name: "Playground" }).click();
    for (const question of ["First question?", "Second question?", "Third question?"]) {
      await ask(page, question);
      await expect(page.getByTestId("chat-reply").last()).toContainText(REPLY);
    }
    await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
    expect([...answeredBy].sort()).toEqual(PORTS.behindNginx.map((p) => `127.0.0.1:${p}`).sort());
    const stored = await sql(`SELECT id FROM "Message" WHERE "chatbotId" = $1`, [botId]);
    expect(stored).toHaveLength(6);

    // Revocation holds on every instance: another browser's session, signed out from this one's
    // security page, opens nothing on either instance, asked directly; this one's still does.
    const other = await browser.newContext({ baseURL: nginx.url });
    const otherPage = await other.newPage();
    await new LoginPage(otherPage).login(user.username, user.password);
    await expect(otherPage).toHaveURL(/\/dashboard$/);
    const cookieOf = async (context: typeof other) => (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const otherCookie = await cookieOf(other);
    const dashboardOn = (port: number, cookie: string) => fetch(`http://127.0.0.1:${port}/dashboard`, { headers: { cookie }, redirect: "manual" }).then((r) => r.status);
    for (const port of PORTS.behindNginx) expect(await dashboardOn(port, otherCookie), `other browser on ${port}`).toBe(200);
    await page.goto("/profile/security");
    const sessions = page.getByTestId("session");
    await expect(sessions).toHaveCount(2);
    await sessions.filter({ hasNotText: "This browser" }).getByRole("button", { name: /Sign out/ }).click();
    await expect(sessions).toHaveCount(1);
    const ownCookie = await cookieOf(page.context());
    for (const port of PORTS.behindNginx) {
      expect(await dashboardOn(port, otherCookie), `signed-out browser on ${port}`).not.toBe(200);
      expect(await dashboardOn(port, ownCookie), `this browser on ${port}`).toBe(200);
    }
    await other.close();

    // Two slow replies at once, one on each instance; the first instance is killed mid-reply.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const chat = (message: string) =>
      fetch(`${nginx.url}/api/chatbots/${botId}/chat`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ message }) });
    const replies = await Promise.all([chat("[[slow]] one"), chat("[[slow]] two")]);
    const upstreams = replies.map((r) => r.headers.get("x-upstream"));
    expect(new Set(upstreams).size).toBe(2);
    const victim = servers[PORTS.behindNginx.findIndex((p) => upstreams[0] === `127.0.0.1:${p}`)];
    const survivorReply = replies[1];
    const firstChunk = await replies[0].body!.getReader().read();
    expect(firstChunk.done).toBe(false);
    await expect.poll(() => fake.state.requests.filter((r: unknown) => JSON.stringify(r).includes("[[slow]]")).length).toBe(2);
    victim.proc.kill("SIGKILL");
    await victim.exited;
    const events = (await survivorReply.text()).trim().split("\n").map((line) => JSON.parse(line));
    expect(events.at(-1)).toMatchObject({ type: "done" });

    // Every message stored before is still there, and the survivor stored its exchange.
    const after = await sql(`SELECT id, content FROM "Message" WHERE "chatbotId" = $1`, [botId]);
    expect(after.map((m) => m.id)).toEqual(expect.arrayContaining(stored.map((m) => m.id)));
    expect(after.filter((m) => m.content === "[[slow]] two")).toHaveLength(1);

    // nginx carries on with the survivor: the user is still signed in and can chat.
    await page.goto(`/chatbots/${botId}`);
    await page.getByRole("link", { name: "Playground" }).click();
    await ask(page, "Still there?");
    await expect(page.getByTestId("chat-reply").last()).toContainText(REPLY);
    await page.close();
  } finally {
    await nginx.stop();
    servers.forEach((s) => s.stop());
    await Promise.all(servers.map((s) => s.exited));
    await fake.close();
  }
});
