import { beforeEach, expect, it, vi } from "vitest";
import sharp from "sharp";
import { reencodeAvatar } from "@/lib/chatbots/avatar-image";
import { db } from "@/lib/db/client";
import { createChatbot, setChatbotAvatarImage } from "@/lib/db/chatbots";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { GET as publicGET } from "@/app/api/avatars/[publicId]/route";
import { GET } from "./route";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
beforeEach(() => actAs(null));

const ownerGet = (botId: string, query = "", headers: HeadersInit = {}) =>
  GET(new Request(`http://test/api/chatbots/${botId}/avatar${query}`, { headers }), { params: Promise.resolve({ id: botId }) });
const visitorGet = (publicId: string) => publicGET(new Request(`http://test/api/avatars/${publicId}`), { params: Promise.resolve({ publicId }) });

async function botWithPicture() {
  const owner = await makeUser();
  const bot = await createChatbot(owner, botInput());
  const image = await reencodeAvatar(await sharp({ create: { width: 90, height: 60, channels: 4, background: "#b45309" } }).png().toBuffer());
  await setChatbotAvatarImage(owner, bot.id, image);
  return { owner, bot, image };
}

it("serves the owner's picture as our WebP with headers that never let it be a page", async () => {
  const { owner, bot, image } = await botWithPicture();
  expect((await ownerGet(bot.id)).status).toBe(401);
  actAs(await makeUser());
  expect((await ownerGet(bot.id)).status).toBe(404);
  actAs(owner);

  const response = await ownerGet(bot.id, `?v=${image.hash}`);
  expect(response.status).toBe(200);
  expect(Object.fromEntries(response.headers)).toMatchObject({
    "content-type": "image/webp",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "content-disposition": 'inline; filename="avatar.webp"',
    "cache-control": "private, max-age=31536000, immutable",
    etag: `"${image.hash}"`,
  });
  expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(image.bytes))).toBe(true);

  // A stale or missing version is not cached for good; the browser's copy is answered 304.
  expect((await ownerGet(bot.id, "?v=old")).headers.get("cache-control")).toBe("private, no-cache");
  expect((await ownerGet(bot.id, "", { "if-none-match": `"${image.hash}"` })).status).toBe(304);

  await setChatbotAvatarImage(owner, bot.id, null);
  expect((await ownerGet(bot.id)).status).toBe(404);
});

it("serves a public picture only while a public channel shows the bot", async () => {
  const { bot, image } = await botWithPicture();
  const { publicId } = await db.chatbot.findUniqueOrThrow({ where: { id: bot.id }, select: { publicId: true } });
  expect((await visitorGet(publicId)).status).toBe(404);
  expect((await visitorGet(bot.id)).status).toBe(404);

  await db.chatbot.update({ where: { id: bot.id }, data: { publicPageEnabled: true } });
  const response = await visitorGet(publicId);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/webp");
  expect(response.headers.get("cache-control")).toBe("public, no-cache");
  expect(response.headers.get("etag")).toBe(`"${image.hash}"`);

  await db.chatbot.update({ where: { id: bot.id }, data: { isActive: false } });
  expect((await visitorGet(publicId)).status).toBe(404);
  expect((await visitorGet("")).status).toBe(404);
});
