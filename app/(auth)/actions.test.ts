import { CredentialsSignin } from "next-auth";
import { beforeEach, expect, it, vi } from "vitest";
import { hashPassword, passwordChecksWait } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { reserveLoginAttempt } from "@/lib/security/limits";
import { makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { loginAction, registerAction } from "./actions";

vi.hoisted(() => {
  process.env.TRUSTED_PROXY_HOPS = "1";
  process.env.REGISTER_PER_IP_PER_HOUR = "2";
  process.env.REGISTER_UNKNOWN_IP_PER_HOUR = "3";
  process.env.PASSWORD_HASH_THREADS = "1";
});
let forwardedFor = "";

const signIn = vi.fn();
vi.mock("@/lib/auth/auth", () => ({ signIn: (...args: unknown[]) => signIn(...args), signOut: vi.fn() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ set: vi.fn(), get: vi.fn(), getAll: () => [] }),
  headers: async () => new Headers(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
}));

beforeEach(() => {
  signIn.mockReset();
  forwardedFor = "";
});

it("refuses a locked-out login before any password check, with the wait", async () => {
  const user = await makeUser();
  for (let i = 0; i < 5; i++) await reserveLoginAttempt({ account: `id:${user.id}`, ip: null, device: null });
  const result = await loginAction({ identifier: user.username, password: TEST_PASSWORD });
  expect(result).toMatchObject({ ok: false, code: "rate_limited" });
  expect(result.ok === false && result.retryAfter).toBeGreaterThan(60);
  expect(signIn).not.toHaveBeenCalled();
});

it("passes a login that is not locked to Auth.js", async () => {
  const user = await makeUser();
  const result = await loginAction({ identifier: user.email, password: TEST_PASSWORD, remember: "on" });
  expect(result).toEqual({ ok: true, data: { verify: false } });
  expect(signIn).toHaveBeenCalledWith("credentials", expect.objectContaining({ identifier: user.email, remember: "true", redirect: false }));
});

it("limits registrations from one address, with the wait, and creates nothing over the limit", async () => {
  forwardedFor = `198.51.100.${Math.floor(Math.random() * 250)}`;
  const form = (name: string) => ({ username: name, email: `${name}@example.test`, password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD });
  const names = [1, 2, 3].map((i) => `reg${i}_${Math.random().toString(36).slice(2, 8)}`);
  expect((await registerAction(form(names[0]))).ok).toBe(true);
  expect((await registerAction(form(names[1]))).ok).toBe(true);
  const third = await registerAction(form(names[2]));
  expect(third).toMatchObject({ ok: false, code: "too_many_requests" });
  expect(third.ok === false && third.retryAfter).toBeGreaterThan(59 * 60);
  expect(await db.user.count({ where: { username: { in: names } } })).toBe(2);
  // Another address may still register.
  forwardedFor = `203.0.113.${Math.floor(Math.random() * 250)}`;
  expect((await registerAction(form(`other_${Math.random().toString(36).slice(2, 8)}`))).ok).toBe(true);
});

it("limits registrations from unknown addresses together, even spread over names (finding 4)", async () => {
  forwardedFor = ""; // no trusted proxy: every client's address is unknown
  const form = (name: string) => ({ username: name, email: `${name}@example.test`, password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD });
  const names = [1, 2, 3, 4, 5].map((i) => `anon${i}_${Math.random().toString(36).slice(2, 8)}`);
  const results = [];
  for (const name of names) results.push(await registerAction(form(name)));
  expect(results.filter((r) => r.ok)).toHaveLength(3);
  const refused = results.find((r) => !r.ok);
  expect(refused).toMatchObject({ ok: false, code: "too_many_requests" });
  expect(refused?.ok === false && refused.retryAfter).toBeGreaterThan(59 * 60);
  expect(await db.user.count({ where: { username: { in: names } } })).toBe(3);
});

it("tells a login refused as \"server busy\" to wait as long as the checks queued before it take, not a fixed 2 s (issue 18, finding 8)", async () => {
  const user = await makeUser();
  // Ten password checks queued on one thread: the next would wait for all of them.
  const queued = Array.from({ length: 10 }, (_, i) => hashPassword(`queued password number ${i}`));
  signIn.mockRejectedValueOnce(Object.assign(new CredentialsSignin(), { code: "server_busy" }));
  const expected = passwordChecksWait();
  const result = await loginAction({ identifier: user.username, password: TEST_PASSWORD });
  expect(result).toMatchObject({ ok: false, code: "server_busy" });
  expect(result.ok === false && result.retryAfter).toBeGreaterThanOrEqual(3);
  expect(Math.abs((result.ok === false ? result.retryAfter! : 0) - expected)).toBeLessThanOrEqual(1);
  await Promise.all(queued);
}, 30_000);
