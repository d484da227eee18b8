import "server-only";
import { AppError } from "@/lib/errors";
import type { ChatbotData } from "@/lib/validation/chatbot";
import { containsText, db } from "./client";
import { requireActorId, type Actor } from "./users";

export const CHATBOTS_PER_PAGE = 20;

const listFields = { id: true, name: true, description: true, isActive: true, adminLocked: true, updatedAt: true } as const;
const detailFields = {
  ...listFields,
  systemPrompt: true,
  provider: true,
  model: true,
  temperature: true,
  maxOutputTokens: true,
  welcomeMessage: true,
  fallbackMessage: true,
  dailyMessageQuota: true,
  createdAt: true,
} as const;

/** Only the fields a form may set: owner, id and dates never come from input. */
const writable = (input: ChatbotData) => ({
  name: input.name,
  description: input.description,
  systemPrompt: input.systemPrompt,
  isActive: input.isActive,
  provider: input.provider,
  model: input.model,
  temperature: input.temperature,
  maxOutputTokens: input.maxOutputTokens,
  welcomeMessage: input.welcomeMessage,
  fallbackMessage: input.fallbackMessage,
  dailyMessageQuota: input.dailyMessageQuota,
});

export async function listChatbots(actor: Actor, { query = "", page = 1 }: { query?: string; page?: number } = {}) {
  const where = { ownerId: requireActorId(actor), ...(query.trim() ? { name: containsText(query.trim()) } : {}) };
  const total = await db.chatbot.count({ where });
  const pages = Math.max(1, Math.ceil(total / CHATBOTS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const items = await db.chatbot.findMany({
    where,
    select: listFields,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * CHATBOTS_PER_PAGE,
    take: CHATBOTS_PER_PAGE,
  });
  return { items, total, page: current, pages };
}

export async function dashboardSummary(actor: Actor) {
  const ownerId = requireActorId(actor);
  const [total, active, recent] = await Promise.all([
    db.chatbot.count({ where: { ownerId } }),
    db.chatbot.count({ where: { ownerId, isActive: true } }),
    db.chatbot.findMany({ where: { ownerId }, select: listFields, orderBy: { updatedAt: "desc" }, take: 5 }),
  ]);
  return { total, active, recent };
}

/** The actor's bot, or null: not found and not yours are the same answer. */
export async function findChatbot(actor: Actor, id: string) {
  return db.chatbot.findFirst({ where: { id, ownerId: requireActorId(actor) }, select: detailFields });
}

export async function getChatbot(actor: Actor, id: string) {
  const bot = await findChatbot(actor, id);
  if (!bot) throw new AppError("not_found");
  return bot;
}

export async function createChatbot(actor: Actor, input: ChatbotData) {
  return db.chatbot.create({ data: { ...writable(input), ownerId: requireActorId(actor) }, select: detailFields });
}

/** A bot an administrator switched off stays off: its owner may edit it but not switch it on. */
/**
 * The `where` of an owner's write: switching a bot on also requires that no admin lock is set, in
 * the same statement, so a lock landing at that moment cannot leave the bot locked but active.
 */
const ownerWrite = (actor: Actor, id: string, isActive: boolean) => ({ id, ownerId: requireActorId(actor), ...(isActive ? { adminLocked: false } : {}) });

/** Why an owner's write touched no row: the admin lock, or not found / not theirs. */
async function refuseIfLocked(actor: Actor, id: string): Promise<never> {
  const bot = await db.chatbot.findFirst({ where: { id, ownerId: requireActorId(actor) }, select: { adminLocked: true } });
  if (bot?.adminLocked) throw new AppError("bot_locked", { isActive: "bot_locked" });
  throw new AppError("not_found");
}

export async function updateChatbot(actor: Actor, id: string, input: ChatbotData) {
  const { count } = await db.chatbot.updateMany({ where: ownerWrite(actor, id, input.isActive), data: writable(input) });
  if (count === 0) await refuseIfLocked(actor, id);
  return getChatbot(actor, id);
}

export async function setChatbotActive(actor: Actor, id: string, isActive: boolean) {
  const { count } = await db.chatbot.updateMany({ where: ownerWrite(actor, id, isActive), data: { isActive } });
  if (count === 0) await refuseIfLocked(actor, id);
}

export async function deleteChatbot(actor: Actor, id: string) {
  const { count } = await db.chatbot.deleteMany({ where: { id, ownerId: requireActorId(actor) } });
  if (count === 0) throw new AppError("not_found");
}

/** The id of the actor's bot, or not_found: the guard for everything that hangs off a bot. */
export async function requireOwnedChatbot(actor: Actor, id: string) {
  const bot = await db.chatbot.findFirst({ where: { id, ownerId: requireActorId(actor) }, select: { id: true } });
  if (!bot) throw new AppError("not_found");
  return bot.id;
}
