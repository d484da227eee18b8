import { vi } from "vitest";

// The faked session module: tests decide who is signed in with actAs().
export const getSessionUser = vi.fn(async () => null);
export const requireUser = vi.fn(async () => {
  throw new Error("requireUser is for pages");
});
