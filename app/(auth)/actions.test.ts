import { beforeEach, expect, it, vi } from "vitest";
import { reserveLoginAttempt } from "@/lib/security/limits";
import { makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { loginAction } from "./actions";

const signIn = vi.fn();
vi.mock("@/lib/auth/auth", () => ({ signIn: (...args: unknown[]) => signIn(...args), signOut: vi.fn() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ set: vi.fn(), get: vi.fn(), getAll: () => [] }),
  headers: async () => new Headers(),
}));

beforeEach(() => signIn.mockReset());

it("refuses a locked-out login before any password check, with the wait", async () => {
  const user = await makeUser();
  for (let i = 0; i < 5; i++) await reserveLoginAttempt(user.username, null);
  const result = await loginAction({ identifier: user.username, password: TEST_PASSWORD });
  expect(result).toMatchObject({ ok: false, code: "rate_limited" });
  expect(result.ok === false && result.retryAfter).toBeGreaterThan(60);
  expect(signIn).not.toHaveBeenCalled();
});

it("passes a login that is not locked to Auth.js", async () => {
  const user = await makeUser();
  const result = await loginAction({ identifier: user.email, password: TEST_PASSWORD, remember: "on" });
  expect(result).toEqual({ ok: true, data: undefined });
  expect(signIn).toHaveBeenCalledWith("credentials", expect.objectContaining({ identifier: user.email, remember: "true", redirect: false }));
});
