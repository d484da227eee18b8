import "server-only";
import { AppError } from "@/lib/errors";

// Who may reach which rows, written once. Every data function builds its `where` from these,
// so "not yours" and "not found" stay the same answer everywhere.

/** A signed-in account acting on its own data (the owner of bots). */
export type Actor = { id: string };

/**
 * Who is asking for a bot's reply, resolved once per request by the channel's route:
 * the owner in the playground, an anonymous visitor of a public page or widget, or an API key.
 */
export type Caller =
  | { kind: "owner"; id: string }
  | { kind: "visitor"; visitorId: string; channel: "page" | "widget"; ip: string | null }
  | { kind: "apiKey"; keyId: string; ownerId: string; botIds: string[] | null };

export function requireActorId(actor: Actor | null | undefined): string {
  // An undefined id in a Prisma `where` means "no filter": refuse before querying.
  if (!actor || typeof actor.id !== "string" || !actor.id) throw new AppError("unauthenticated");
  return actor.id;
}

/** The actor's bots. */
export const ownBots = (actor: Actor) => ({ ownerId: requireActorId(actor) });
/** One of the actor's bots. */
export const ownBot = (actor: Actor, id: string) => ({ id, ownerId: requireActorId(actor) });
/** A row hanging off one of the actor's bots (a Q&A entry, a conversation). */
export const ownBotChild = (actor: Actor, id: string) => ({ id, chatbot: { ownerId: requireActorId(actor) } });

/**
 * The bot a caller may chat with, or null when the caller can reach no such bot. The owner names
 * it by its database id; an API key and a visitor by its public id: a key only when the bot allows
 * the API and is one the key is scoped to (`botIds` are database ids), a visitor only through a
 * public channel that is switched on.
 */
export function chatBot(caller: Caller, id: string) {
  switch (caller.kind) {
    case "owner":
      return ownBot(caller, id);
    case "apiKey":
      return { publicId: id, ...apiKeyBots(caller) };
    case "visitor":
      return publicBot(id, caller.channel);
  }
}

/** Every bot an API key may reach (its owner's, with the API on, within its scope). */
export const apiKeyBots = (caller: Extract<Caller, { kind: "apiKey" }>) => ({
  ownerId: requireActorId({ id: caller.ownerId }),
  apiEnabled: true,
  ...(caller.botIds ? { id: { in: caller.botIds } } : {}),
});

/**
 * A bot a visitor may reach through one public channel, by its public id (never the database id):
 * active, not locked by an admin, and that channel switched on. Anything else is "not found".
 */
export const publicBot = (publicId: string, channel: "page" | "widget") => ({
  publicId,
  isActive: true,
  adminLocked: false,
  ...(channel === "page" ? { publicPageEnabled: true } : { widgetEnabled: true }),
});

/**
 * The conversations of a bot a caller may go on with or read: an owner all of them; an API key
 * only those started through it (not the playground's, another key's or a visitor's); a visitor
 * only their own.
 */
export function callerConversations(caller: Caller) {
  if (caller.kind === "visitor") {
    if (!caller.visitorId) throw new AppError("not_found");
    return { visitorId: caller.visitorId };
  }
  if (caller.kind === "apiKey") return { apiKeyId: requireActorId({ id: caller.keyId }) };
  return {};
}

/** Who a new conversation belongs to, written with it (the owner sees it with its source). */
export function conversationOwnerFields(caller: Caller) {
  switch (caller.kind) {
    case "owner":
      return { source: "playground" as const };
    case "visitor":
      return { source: "public" as const, visitorId: caller.visitorId, channel: caller.channel };
    case "apiKey":
      return { source: "api" as const, apiKeyId: caller.keyId };
  }
}

/** A username or an email, as typed at login or in the admin CLI: the unique key it names. */
export function accountKey(identifier: string) {
  const key = identifier.trim().toLowerCase();
  return key.includes("@") ? { email: key } : { username: key };
}
