"use client";

import { useSyncExternalStore } from "react";

const KEY = "cbf-visitor";
const FORMAT = /^[A-Za-z0-9_-]{22,64}$/;
let fallback: string | null = null;

/** 128 random bits, base64url: the format the public chat route accepts. */
function newVisitorId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The visitor id kept in this browser's storage (never a cookie), made on first use; in memory when storage is blocked. */
function readVisitorId(): string {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved && FORMAT.test(saved)) return saved;
    const made = newVisitorId();
    localStorage.setItem(KEY, made);
    return made;
  } catch {
    return (fallback ??= newVisitorId());
  }
}

const noSubscription = () => () => {};

/** The anonymous visitor's id on the client (null on the server and before hydration, or when not wanted). */
export function useVisitorId(wanted: boolean): string | null {
  return useSyncExternalStore(noSubscription, () => (wanted ? readVisitorId() : null), () => null);
}
