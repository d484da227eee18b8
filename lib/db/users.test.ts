import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";
import { TEST_PASSWORD, makeUser } from "@/lib/testing/factories";
import { db } from "./client";
import { endAllSessions, endLoginSession, getSessionState, startLoginSession } from "./sessions";
import { changePassword, createUser, findUserForLogin, getProfile, updateProfile } from "./users";

const newUser = (name: string) => ({
  username: name,
  email: `${name}@example.test`,
  password: "correct horse battery staple",
  firstName: "",
  lastName: "",
  locale: "en" as const,
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e) => (e instanceof AppError ? { code: e.code, fieldErrors: e.fieldErrors } : e),
  );

describe("accounts", () => {
  it("registration reports a taken username and a taken email together", async () => {
    const existing = await makeUser();
    const result = await failure(createUser({ ...newUser(existing.username), email: existing.email }));
    expect(result).toEqual({ code: "invalid_data", fieldErrors: { username: "username_taken", email: "email_taken" } });
  });

  it("stores a bcrypt hash, never the password, and the profile never carries it", async () => {
    const created = await createUser(newUser(`fresh_${Date.now()}`));
    const row = await db.user.findUniqueOrThrow({ where: { id: created!.id } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(JSON.stringify(await getProfile(created!))).not.toContain("$2");
    expect(Object.keys(created!)).not.toContain("passwordHash");
  });

  it("logs in by username or email, in any case", async () => {
    const user = await makeUser();
    expect((await findUserForLogin(user.username.toUpperCase()))?.id).toBe(user.id);
    expect((await findUserForLogin(` ${user.email.toUpperCase()} `))?.id).toBe(user.id);
    expect(await findUserForLogin("nobody@example.test")).toBeNull();
  });

  it("an email already used by someone else cannot be taken over in the profile", async () => {
    const a = await makeUser();
    const b = await makeUser();
    expect(await failure(updateProfile(b, { firstName: "", lastName: "", email: a.email, locale: "en" }))).toEqual({
      code: "invalid_data",
      fieldErrors: { email: "email_taken" },
    });
    const kept = await updateProfile(b, { firstName: "B", lastName: "", email: b.email, locale: "fr" });
    expect(kept).toMatchObject({ firstName: "B", locale: "fr" });
  });

  it("changing the password needs the current one and moves the session version on", async () => {
    const user = await makeUser();
    expect(await failure(changePassword(user, "wrong password here", "a new long passphrase"))).toEqual({
      code: "invalid_data",
      fieldErrors: { currentPassword: "password_incorrect" },
    });
    const version = await changePassword(user, TEST_PASSWORD, "a new long passphrase");
    expect(version).toBe(user.sessionVersion + 1);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("a new long passphrase", row.passwordHash)).toBe(true);
    expect(await verifyPassword(TEST_PASSWORD, row.passwordHash)).toBe(false);
  });
});

describe("login sessions", () => {
  const later = () => new Date(Date.now() + 60_000);

  it("live until logout, and a password change or sign-out-everywhere ends all of the account's", async () => {
    const user = await makeUser();
    const other = await makeUser();
    await startLoginSession(user.id, "s-laptop", later());
    await startLoginSession(user.id, "s-phone", later());
    await startLoginSession(other.id, "s-other", later());
    expect(await getSessionState("s-laptop")).toMatchObject({ userId: user.id, user: { isActive: true } });

    await endLoginSession("s-laptop");
    expect(await getSessionState("s-laptop")).toBeNull();
    expect(await getSessionState("s-phone")).not.toBeNull();

    await changePassword(user, TEST_PASSWORD, "another long passphrase");
    expect(await getSessionState("s-phone")).toBeNull();
    await startLoginSession(user.id, "s-again", later());
    await endAllSessions(user);
    expect(await getSessionState("s-again")).toBeNull();
    expect(await getSessionState("s-other")).not.toBeNull();
  });

  it("clear the account's expired sessions at the next login", async () => {
    const user = await makeUser();
    await startLoginSession(user.id, "s-old", new Date(Date.now() - 1000));
    await startLoginSession(user.id, "s-new", later());
    expect(await getSessionState("s-old")).toBeNull();
    expect(await getSessionState("s-new")).not.toBeNull();
  });
});
