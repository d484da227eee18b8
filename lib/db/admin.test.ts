import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { makeUser } from "@/lib/testing/factories";
import { isAdmin, listUsers, promoteByIdentifier, setUserActive, setUserRole } from "./admin";
import { db } from "./client";
import { getSessionState, startLoginSession } from "./users";

const code = (p: Promise<unknown>) => p.then(() => "resolved", (e) => (e instanceof AppError ? e.code : String(e)));
const makeAdmin = async () => {
  const user = await makeUser();
  await promoteByIdentifier(user.username);
  return user;
};

describe("administration", () => {
  it("is refused to users who are not admins, whatever they call", async () => {
    const user = await makeUser();
    const other = await makeUser();
    expect(await isAdmin(user)).toBe(false);
    expect(await code(listUsers(user))).toBe("not_found");
    expect(await code(setUserRole(user, other.id, "ADMIN"))).toBe("not_found");
    expect(await code(setUserActive(user, other.id, false))).toBe("not_found");
    expect(await db.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ role: "USER", isActive: true });
  });

  it("lets an admin promote, demote, deactivate (ending sessions) and reactivate others", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    expect(await isAdmin(admin)).toBe(true);
    expect((await listUsers(admin, { query: user.username.toUpperCase() })).items).toMatchObject([{ id: user.id, role: "USER", botCount: 0 }]);

    await setUserRole(admin, user.id, "ADMIN");
    expect(await isAdmin(user)).toBe(true);
    await setUserRole(admin, user.id, "USER");
    // A demoted admin is refused on the very next call.
    expect(await code(listUsers(user))).toBe("not_found");

    await startLoginSession(user.id, `s-${user.id}`, new Date(Date.now() + 60_000));
    await setUserActive(admin, user.id, false);
    expect(await getSessionState(`s-${user.id}`)).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).isActive).toBe(false);
    await setUserActive(admin, user.id, true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).isActive).toBe(true);
  });

  it("never lets an admin demote or deactivate themself", async () => {
    const admin = await makeAdmin();
    expect(await code(setUserRole(admin, admin.id, "USER"))).toBe("admin_self");
    expect(await code(setUserActive(admin, admin.id, false))).toBe("admin_self");
    expect(await isAdmin(admin)).toBe(true);
  });

  it("promotes from the command line by username or email", async () => {
    const user = await makeUser();
    expect(await promoteByIdentifier(` ${user.email.toUpperCase()} `)).toBe(user.username);
    expect(await isAdmin(user)).toBe(true);
    expect(await code(promoteByIdentifier("nobody-at-all"))).toBe("not_found");
  });
});
