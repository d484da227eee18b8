import "server-only";
import type { Caller } from "@/lib/db/scopes";
import { getSessionUser } from "./session";

/** The signed-in owner as a chat caller (the playground), or null without a session. */
export async function ownerCaller(): Promise<Caller | null> {
  const user = await getSessionUser();
  return user && { kind: "owner", id: user.id };
}
