import "server-only";
import { AppError } from "@/lib/errors";
import { KNOWLEDGE_LIMITS } from "@/lib/validation/knowledge";
import { requireOwnedChatbot } from "./chatbots";
import { db, type Tx } from "./client";
import { ownBotChild, type Actor } from "./scopes";

const fields = { id: true, question: true, answer: true, alternatives: true, position: true } as const;
/** Every change to a bot's Q&A moves its version on, so cached indexes know they are stale. */
const changed = () => ({ updatedAt: new Date(), knowledgeVersion: { increment: 1 } });
/** `alternatives`: other phrasings of the question, one per line ("" for none). */
type EntryData = { question: string; answer: string; alternatives?: string };

export async function listKnowledge(actor: Actor, chatbotId: string) {
  const botId = await requireOwnedChatbot(actor, chatbotId);
  return db.knowledgeEntry.findMany({ where: { chatbotId: botId }, select: fields, orderBy: { position: "asc" } });
}

/** Adds entries at the end, in order; refuses to go past the per-bot limit. */
export async function addKnowledge(actor: Actor, chatbotId: string, entries: EntryData[]) {
  const botId = await requireOwnedChatbot(actor, chatbotId);
  return db.$transaction(async (tx) => {
    const count = await tx.knowledgeEntry.count({ where: { chatbotId: botId } });
    if (count + entries.length > KNOWLEDGE_LIMITS.entries) throw new AppError("knowledge_full");
    const last = await tx.knowledgeEntry.findFirst({ where: { chatbotId: botId }, orderBy: { position: "desc" }, select: { position: true } });
    const start = (last?.position ?? -1) + 1;
    await tx.knowledgeEntry.createMany({
      data: entries.map((e, i) => ({ chatbotId: botId, question: e.question, answer: e.answer, alternatives: e.alternatives ?? "", position: start + i })),
    });
    await tx.chatbot.update({ where: { id: botId }, data: changed() });
    return entries.length;
  });
}

/** The entries of a bot the caller has already been allowed to chat with, for its retrieval index. */
export async function knowledgeForIndex(chatbotId: string) {
  const rows = await db.knowledgeEntry.findMany({ where: { chatbotId }, select: { question: true, answer: true, alternatives: true }, orderBy: { position: "asc" } });
  // Alternative phrasings are kept one a line.
  return rows.map((r) => ({ question: r.question, answer: r.answer, alternatives: r.alternatives.split("\n").map((a) => a.trim()).filter(Boolean) }));
}

/** Runs a change on one of the actor's entries, and moves its bot's knowledge version on. */
async function changeEntry(actor: Actor, id: string, change: (tx: Tx, entryId: string) => Promise<unknown>) {
  await db.$transaction(async (tx) => {
    const entry = await tx.knowledgeEntry.findFirst({ where: ownBotChild(actor, id), select: { id: true, chatbotId: true } });
    if (!entry) throw new AppError("not_found");
    await change(tx, entry.id);
    await tx.chatbot.update({ where: { id: entry.chatbotId }, data: changed() });
  });
}

export async function updateKnowledgeEntry(actor: Actor, id: string, data: EntryData) {
  await changeEntry(actor, id, (tx, entryId) => tx.knowledgeEntry.update({ where: { id: entryId }, data: { question: data.question, answer: data.answer, alternatives: data.alternatives ?? "" } }));
}

export async function deleteKnowledgeEntry(actor: Actor, id: string) {
  await changeEntry(actor, id, (tx, entryId) => tx.knowledgeEntry.delete({ where: { id: entryId } }));
}

/** Swaps an entry with its neighbour above or below; at either end nothing moves. */
export async function moveKnowledgeEntry(actor: Actor, id: string, direction: "up" | "down") {
  await db.$transaction(async (tx) => {
    const entry = await tx.knowledgeEntry.findFirst({ where: ownBotChild(actor, id), select: { id: true, chatbotId: true, position: true } });
    if (!entry) throw new AppError("not_found");
    const neighbour = await tx.knowledgeEntry.findFirst({
      where: { chatbotId: entry.chatbotId, position: direction === "up" ? { lt: entry.position } : { gt: entry.position } },
      orderBy: { position: direction === "up" ? "desc" : "asc" },
      select: { id: true, position: true },
    });
    if (!neighbour) return;
    await tx.knowledgeEntry.update({ where: { id: entry.id }, data: { position: neighbour.position } });
    await tx.knowledgeEntry.update({ where: { id: neighbour.id }, data: { position: entry.position } });
    await tx.chatbot.update({ where: { id: entry.chatbotId }, data: changed() });
  });
}
