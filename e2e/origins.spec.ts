import { sql } from "./db";
import { createBot, expect, test } from "./fixtures";

// Finding 3 of issue 18, over real HTTP with the owner's real session cookie: a page on another
// origin can make the browser post text/plain with that cookie and no CORS preflight.
test("the playground's chat route refuses another origin's post carrying the owner's session, and stores nothing", async ({ page, user }) => {
  const botId = await createBot(user.id, { name: "Origin bot" });
  const stored = async () => Number((await sql(`SELECT COUNT(*) AS n FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId" WHERE c."chatbotId" = $1`, [botId]))[0].n);
  const post = (headers: Record<string, string>, data: string) => page.request.post(`/api/chatbots/${botId}/chat`, { headers, data });
  const planted = JSON.stringify({ message: "planted from another site" });

  const foreign: Record<string, string>[] = [
    { origin: "https://evil.example", "content-type": "text/plain" },
    { origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "text/plain" },
    { "sec-fetch-site": "same-site", "content-type": "text/plain" },
  ];
  for (const headers of foreign) {
    const refused = await post(headers, planted);
    expect(refused.status(), JSON.stringify(headers)).toBe(403);
    expect(await refused.json()).toEqual({ code: "origin_refused" });
  }
  // Our own origin, but not JSON: refused too, as only a preflighted request could send JSON.
  const plain = await post({ "sec-fetch-site": "same-origin", "content-type": "text/plain" }, planted);
  expect(plain.status()).toBe(415);
  expect(await plain.json()).toEqual({ code: "unsupported_media_type" });
  expect(await stored()).toBe(0);

  // The owner's own playground still talks.
  const own = await post({ "sec-fetch-site": "same-origin", "content-type": "application/json" }, JSON.stringify({ message: "hello" }));
  expect(own.status()).toBe(200);
  await own.text();
  await expect.poll(stored).toBe(2);
});
