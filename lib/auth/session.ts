import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "./auth";

export type SessionUser = { id: string; remember: boolean };

/** The signed-in user of this request, or null. Checked against the database (lib/auth/auth.ts). */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const user = session?.user as Partial<SessionUser> | undefined;
  return user?.id ? { id: user.id, remember: user.remember === true } : null;
});

/** For pages: the signed-in user, or a redirect to the login page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}
