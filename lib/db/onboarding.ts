import "server-only";
import { AppError } from "@/lib/errors";
import { db } from "./client";
import { ownBots, requireActorId, type Actor } from "./scopes";

/**
 * The dashboard's getting-started checklist, read from what the account has done rather than
 * stored: a step is ticked because its data exists, so it ticks itself however it happened.
 * "Put it to work" is a bot that is switched on, can answer (Q&A or a model) and has been tried:
 * ready for visitors. Public channels come later; until then the step leads to the bot's page.
 */
export async function checklistOf(actor: Actor) {
  const mine = ownBots(actor);
  const [user, firstBot, knowledge, conversation, ready] = await Promise.all([
    db.user.findUnique({ where: { id: requireActorId(actor) }, select: { checklistDismissedAt: true } }),
    db.chatbot.findFirst({ where: mine, select: { id: true }, orderBy: { createdAt: "asc" } }),
    db.knowledgeEntry.findFirst({ where: { chatbot: mine }, select: { chatbotId: true } }),
    db.conversation.findFirst({ where: { chatbot: mine }, select: { chatbotId: true } }),
    db.chatbot.findFirst({
      where: { ...mine, isActive: true, conversations: { some: {} }, OR: [{ knowledge: { some: {} } }, { provider: { not: "builtin" } }] },
      select: { id: true },
    }),
  ]);
  if (!user) throw new AppError("not_found");
  return {
    dismissed: user.checklistDismissedAt !== null,
    /** The bot each remaining step should lead to: the one the account started with. */
    botId: firstBot?.id ?? null,
    steps: { create: !!firstBot, knowledge: !!knowledge, try: !!conversation, launch: !!ready },
  };
}

export type Checklist = Awaited<ReturnType<typeof checklistOf>>;

export async function dismissChecklist(actor: Actor) {
  await db.user.update({ where: { id: requireActorId(actor) }, data: { checklistDismissedAt: new Date() }, select: { id: true } });
}
