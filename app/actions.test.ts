import { beforeEach, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { makeUser } from "@/lib/testing/factories";
import { actAs } from "@/lib/testing/session";
import { setLocaleAction } from "./actions";

vi.mock("@/lib/auth/session", () => import("@/lib/testing/session-mock"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const cookieJar = { set: vi.fn() };
vi.mock("next/headers", () => ({ cookies: async () => cookieJar }));

beforeEach(() => {
  actAs(null);
  cookieJar.set.mockReset();
});

it("refuses a language that is not offered", async () => {
  expect(await setLocaleAction("xx")).toEqual({ ok: false, code: "locale_invalid" });
  expect(cookieJar.set).not.toHaveBeenCalled();
});

it("keeps a visitor's choice in a cookie only", async () => {
  expect(await setLocaleAction("fr")).toEqual({ ok: true, data: undefined });
  expect(cookieJar.set).toHaveBeenCalledWith("NEXT_LOCALE", "fr", expect.objectContaining({ path: "/" }));
});

it("keeps a signed-in user's choice on their own profile too", async () => {
  const user = await makeUser();
  const other = await makeUser();
  actAs(user);
  expect(await setLocaleAction("ar")).toEqual({ ok: true, data: undefined });
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("ar");
  expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).locale).toBe("en");
});
