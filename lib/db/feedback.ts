import "server-only";
import { AppError } from "@/lib/errors";
import { groupQuestions } from "@/lib/knowledge/group-questions";
import { takeVisitorRating } from "@/lib/security/limits";
import { KNOWLEDGE_LIMITS } from "@/lib/validation/knowledge";
import { db } from "./client";
import { conversationChannel, recordRating } from "./analytics";
import { addKnowledge } from "./knowledge";
import { callerConversations, chatBot, ownBot, ownBotChild, requireActorId, type Actor, type Caller } from "./scopes";

/**
 * A rating of one of the bot's replies by someone who may read it: the owner any, an API key those
 * of its conversations, a visitor their own. Rating again replaces the rating. A thumbs down puts
 * the question on the owner's unanswered list.
 */
export async function rateReply(caller: Caller, botId: string, input: { messageId: string; rating: 1 | -1; comment: string }) {
  const scope = chatBot(caller, botId);
  if (caller.kind === "visitor") {
    const wait = await takeVisitorRating({ visitorId: caller.visitorId, ip: caller.ip, botId });
    if (wait) throw new AppError("too_many_requests", undefined, wait);
  }
  const reply = await db.message.findFirst({
    where: { id: input.messageId, role: "assistant", chatbot: scope, conversation: callerConversations(caller) },
    select: { id: true, chatbotId: true, fallback: true, rating: true, provider: true, model: true, createdAt: true, conversation: { select: { source: true, channel: true } } },
  });
  if (!reply) throw new AppError("not_found");
  // Only if the rating is still the one read: of two at once, one moves the analytics' counters.
  const { count } = await db.message.updateMany({
    where: { id: reply.id, rating: reply.rating },
    data: { rating: input.rating, ratingComment: input.comment || null, ratedAt: new Date(), ...(input.rating === -1 ? { needsReview: true } : reply.rating === -1 && !reply.fallback ? { needsReview: false } : {}) },
  });
  if (count) await recordRating({ ...reply, channel: conversationChannel(reply.conversation) }, reply.rating, input.rating);
}

/** Replies read for the unanswered list: the most recent, so the page stays fast on a busy bot. */
export const UNANSWERED_WINDOW = 500;

/**
 * The bot's unanswered questions: replies that fell back or were rated down and that its owner has
 * not dealt with, each with the visitor's question before it, grouped by similar wording.
 */
export async function listUnanswered(actor: Actor, botId: string) {
  const bot = await db.chatbot.findFirst({ where: ownBot(actor, botId), select: { id: true } });
  if (!bot) throw new AppError("not_found");
  const replies = await db.message.findMany({
    where: { chatbotId: bot.id, needsReview: true },
    orderBy: { createdAt: "desc" },
    take: UNANSWERED_WINDOW,
    select: { id: true, conversationId: true, createdAt: true, fallback: true, rating: true, ratingComment: true, content: true },
  });
  if (!replies.length) return [];
  // Each reply's question: the visitor's last message before it in its conversation.
  const asked = await db.message.findMany({
    where: { chatbotId: bot.id, role: "user", conversationId: { in: [...new Set(replies.map((r) => r.conversationId))] }, createdAt: { lte: replies[0].createdAt } },
    orderBy: { createdAt: "desc" },
    select: { conversationId: true, content: true, createdAt: true },
  });
  const items = replies.flatMap((reply) => {
    const question = asked.find((m) => m.conversationId === reply.conversationId && m.createdAt <= reply.createdAt);
    return question ? [{ ...reply, question: question.content.slice(0, KNOWLEDGE_LIMITS.question) }] : [];
  });
  return groupQuestions(items).map((group) => ({
    question: group.question,
    wordings: group.wordings.slice(0, 10),
    count: group.items.length,
    messageIds: group.items.map((i) => i.id),
    ratedDown: group.items.filter((i) => i.rating === -1).length,
    fellBack: group.items.filter((i) => i.fallback).length,
    comments: group.items.flatMap((i) => (i.ratingComment ? [i.ratingComment] : [])).slice(0, 5),
    lastAt: group.items.reduce((last, i) => (i.createdAt > last ? i.createdAt : last), group.items[0].createdAt),
  }));
}

/** Takes replies off the bot's unanswered list (only the actor's bot's). */
export async function markReviewed(actor: Actor, botId: string, messageIds: string[]) {
  requireActorId(actor);
  const { count } = await db.message.updateMany({ where: { id: { in: messageIds }, chatbot: ownBot(actor, botId) }, data: { needsReview: false } });
  return count;
}

/** "Add to Q&A": a new entry from an unanswered question, which leaves the list. */
export async function answerUnanswered(actor: Actor, botId: string, messageIds: string[], entry: { question: string; answer: string }) {
  await addKnowledge(actor, botId, [{ ...entry, alternatives: "" }]);
  await markReviewed(actor, botId, messageIds);
}

/** "Add as another phrasing": the question joins an existing entry's alternatives, and leaves the list. */
export async function addUnansweredAsAlternative(actor: Actor, botId: string, messageIds: string[], entryId: string, question: string) {
  await db.$transaction(async (tx) => {
    const entry = await tx.knowledgeEntry.findFirst({ where: { ...ownBotChild(actor, entryId), chatbotId: botId }, select: { id: true, alternatives: true } });
    if (!entry) throw new AppError("not_found");
    const lines = entry.alternatives.split("\n").filter(Boolean);
    if (!lines.some((l) => l.toLowerCase() === question.toLowerCase())) lines.push(question);
    const alternatives = lines.join("\n");
    if (alternatives.length > KNOWLEDGE_LIMITS.alternatives) throw new AppError("invalid_data", { question: "too_long" });
    await tx.knowledgeEntry.update({ where: { id: entry.id }, data: { alternatives } });
    await tx.chatbot.update({ where: { id: botId }, data: { updatedAt: new Date(), knowledgeVersion: { increment: 1 } } });
  });
  await markReviewed(actor, botId, messageIds);
}
