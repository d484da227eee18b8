import { expect, it } from "vitest";
import { createChatbot } from "@/lib/db/chatbots";
import { db } from "@/lib/db/client";
import { botInput, makeUser } from "@/lib/testing/factories";
import { embedPublicId, frameAncestorsFor } from "./embed";
import { contentSecurityPolicy } from "./headers";

it("finds the public id only in an /embed/<publicId> path", () => {
  expect(embedPublicId("/embed/AbCdEfGhIjKlMnOpQrStUv")).toBe("AbCdEfGhIjKlMnOpQrStUv");
  expect(embedPublicId("/embed/AbCdEfGhIjKlMnOpQrStUv/")).toBe("AbCdEfGhIjKlMnOpQrStUv");
  for (const path of ["/embed/", "/embed/short", "/embed/AbCdEfGhIjKlMnOpQrStUv/x", "/b/AbCdEfGhIjKlMnOpQrStUv", "/x/embed/AbCdEfGhIjKlMnOpQrStUv", "/embed/AbCd%20fGhIjKlMnOpQrStUv"]) {
    expect(embedPublicId(path), path).toBeNull();
  }
});

it("lets the embed be framed by exactly the bot's allowed origins while its widget is on, else by none", async () => {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  const { publicId } = await db.chatbot.update({ where: { id: bot.id }, data: { allowedOrigins: "https://shop.example\nhttp://localhost:3000" }, select: { publicId: true } });
  const t0 = 1_000_000;
  // Widget off: none.
  expect(await frameAncestorsFor(publicId, t0)).toEqual([]);
  await db.chatbot.update({ where: { id: bot.id }, data: { widgetEnabled: true } });
  // Cached for a few seconds, then read again.
  expect(await frameAncestorsFor(publicId, t0 + 1000)).toEqual([]);
  expect(await frameAncestorsFor(publicId, t0 + 6000)).toEqual(["https://shop.example", "http://localhost:3000"]);
  await db.chatbot.update({ where: { id: bot.id }, data: { adminLocked: true } });
  expect(await frameAncestorsFor(publicId, t0 + 12_000)).toEqual([]);
  await db.chatbot.update({ where: { id: bot.id }, data: { adminLocked: false, isActive: false } });
  expect(await frameAncestorsFor(publicId, t0 + 18_000)).toEqual([]);
  // A stored value that is not an origin (edited by hand) never reaches the header.
  await db.chatbot.update({ where: { id: bot.id }, data: { isActive: true, allowedOrigins: "https://ok.example\n*; script-src *" } });
  expect(await frameAncestorsFor(publicId, t0 + 24_000)).toEqual(["https://ok.example"]);

  expect(contentSecurityPolicy("n", { frameAncestors: ["https://ok.example", "http://localhost:3000"] })).toMatch(/frame-ancestors https:\/\/ok\.example http:\/\/localhost:3000$/);
  expect(contentSecurityPolicy("n", { frameAncestors: [] })).toMatch(/frame-ancestors 'none'$/);
  expect(contentSecurityPolicy("n")).toMatch(/frame-ancestors 'none'$/);
});
