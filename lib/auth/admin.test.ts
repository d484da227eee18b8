import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { makeUser, makeUserWithTwoFactor } from "@/lib/testing/factories";

vi.hoisted(() => {
  process.env.REQUIRE_ADMIN_2FA = "true";
});
const { adminNeedsTwoFactor, isAdmin, requireAdmin } = await import("./admin");

describe("REQUIRE_ADMIN_2FA=true", () => {
  it("refuses an admin without two-factor sign-in (and the /admin layout sends them to set it up), lets one with it through", async () => {
    const plain = await makeUser();
    await db.user.update({ where: { id: plain.id }, data: { role: "ADMIN" } });
    await expect(requireAdmin(plain)).rejects.toMatchObject({ code: "two_factor_setup_required" });
    expect(await adminNeedsTwoFactor(plain)).toBe(true);
    expect(await isAdmin(plain)).toBe(true); // the link stays, and leads to the setup

    const { user: secured } = await makeUserWithTwoFactor();
    await db.user.update({ where: { id: secured.id }, data: { role: "ADMIN" } });
    await expect(requireAdmin(secured)).resolves.toMatchObject({ id: secured.id });
    expect(await adminNeedsTwoFactor(secured)).toBe(false);

    // Not an admin at all: not found, as before, and nothing to set up for /admin.
    const user = await makeUser();
    await expect(requireAdmin(user)).rejects.toMatchObject({ code: "not_found" });
    expect(await adminNeedsTwoFactor(user)).toBe(false);
  });
});
