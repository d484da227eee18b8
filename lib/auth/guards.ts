import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { findChatbot } from "@/lib/db/chatbots";
import { getSessionUser, type SessionUser } from "./session";

/** For pages: the signed-in user, or a redirect to the login page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}

/**
 * For a bot's pages: the signed-in owner and their bot, or the 404 page. Cached per request, so
 * the bot's layout and the page under it read the bot once.
 */
export const requireOwnedBot = cache(async (id: string) => {
  const user = await requireUser();
  const bot = await findChatbot(user, id);
  if (!bot) notFound();
  return { user, bot };
});
