import { beforeEach, describe, expect, it, vi } from "vitest";
import sharp from "sharp";
import { db } from "@/lib/db/client";
import { botInput, makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { removeAvatarAction, uploadAvatarAction } from "./actions";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

/** The form the Settings page posts: one file, whatever its name and declared type say. */
async function formWith(bytes: Uint8Array | string, name = "me.png", type = "image/png") {
  const form = new FormData();
  form.set("image", new File([bytes as BlobPart], name, { type }));
  return form;
}
const photo = () => sharp({ create: { width: 320, height: 200, channels: 3, background: "#0f766e" } }).jpeg().toBuffer();
const stored = (id: string) => db.chatbot.findUniqueOrThrow({ where: { id }, select: { avatarImage: true, avatarImageHash: true } });

describe("avatar actions", () => {
  beforeEach(() => actAs(null));

  it("limit each user's uploads per hour, refused before the file is decoded (issue 18, finding 8)", async () => {
    const owner = await makeUser();
    const bot = await db.chatbot.create({ data: { ...botInput(), ownerId: owner.id } });
    actAs(owner);
    // AVATAR_UPLOADS_PER_USER_PER_HOUR's default, 20: each decoded, refused or not, counts.
    for (let i = 0; i < 20; i++) expect((await uploadAvatarAction(bot.id, await formWith(`not a picture ${i}`))).ok).toBe(false);
    const refused = await uploadAvatarAction(bot.id, await formWith(await photo()));
    expect(refused).toMatchObject({ ok: false, code: "too_many_requests", retryAfter: expect.any(Number) });
    expect(refused.ok === false && refused.retryAfter).toBeGreaterThan(59 * 60);
    expect(await stored(bot.id)).toEqual({ avatarImage: null, avatarImageHash: null });
    // Another user is not held up by it.
    const other = await makeUser();
    const theirs = await db.chatbot.create({ data: { ...botInput(), ownerId: other.id } });
    actAs(other);
    expect(await uploadAvatarAction(theirs.id, await formWith(await photo()))).toMatchObject({ ok: true });
  });

  it("store the owner's picture re-encoded, and remove it", async () => {
    const owner = await makeUser();
    const bot = await db.chatbot.create({ data: { ...botInput(), ownerId: owner.id } });
    actAs(owner);

    const result = await uploadAvatarAction(bot.id, await formWith(await photo(), "holiday.png", "image/png"));
    expect(result).toEqual({ ok: true, data: { hash: expect.stringMatching(/^[0-9a-f]{16}$/) } });
    const row = await stored(bot.id);
    expect(row.avatarImageHash).toBe(result.ok && result.data.hash);
    expect(await sharp(Buffer.from(row.avatarImage!)).metadata()).toMatchObject({ format: "webp", width: 256, height: 256 });

    expect(await removeAvatarAction(bot.id)).toEqual({ ok: true, data: undefined });
    expect(await stored(bot.id)).toEqual({ avatarImage: null, avatarImageHash: null });
  });

  it("with no session answer unauthenticated and write nothing", async () => {
    const owner = await makeUser();
    const bot = await db.chatbot.create({ data: { ...botInput(), ownerId: owner.id } });
    expect(await uploadAvatarAction(bot.id, await formWith(await photo()))).toEqual({ ok: false, code: "unauthenticated" });
    expect(await removeAvatarAction(bot.id)).toEqual({ ok: false, code: "unauthenticated" });
    expect(await stored(bot.id)).toEqual({ avatarImage: null, avatarImageHash: null });
  });

  it("on another user's bot answer not_found and change nothing", async () => {
    const owner = await makeUser();
    const bot = await db.chatbot.create({ data: { ...botInput(), ownerId: owner.id } });
    actAs(owner);
    await uploadAvatarAction(bot.id, await formWith(await photo()));
    const before = await stored(bot.id);

    actAs(await makeUser());
    const other = await sharp({ create: { width: 64, height: 64, channels: 3, background: "red" } }).png().toBuffer();
    expect(await uploadAvatarAction(bot.id, await formWith(other))).toEqual({ ok: false, code: "not_found" });
    expect(await removeAvatarAction(bot.id)).toEqual({ ok: false, code: "not_found" });
    expect(await stored(bot.id)).toEqual(before);
  });

  it("refuse text named .png and an oversized file with their own codes, writing nothing", async () => {
    const owner = await makeUser();
    const bot = await db.chatbot.create({ data: { ...botInput(), ownerId: owner.id } });
    actAs(owner);

    expect(await uploadAvatarAction(bot.id, await formWith("<html><script>alert(1)</script></html>", "avatar.png", "image/png"))).toMatchObject({
      ok: false,
      code: "image_invalid",
      fieldErrors: { image: "image_invalid" },
    });
    expect(await uploadAvatarAction(bot.id, await formWith(new Uint8Array(1_000_001)))).toMatchObject({ ok: false, code: "image_too_large" });
    expect(await uploadAvatarAction(bot.id, { image: "not a file" })).toMatchObject({ ok: false, code: "image_invalid" });
    expect(await uploadAvatarAction({ id: bot.id }, await formWith(await photo()))).toMatchObject({ ok: false, code: "invalid_data" });
    expect(await stored(bot.id)).toEqual({ avatarImage: null, avatarImageHash: null });
  });
});
