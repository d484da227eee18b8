import "server-only";
import { knowledgeForIndex } from "@/lib/db/knowledge";
import { builtinAnswer, citedSources, contextItems, findKnowledge, type BotKnowledge, type Found } from "./answer";
import { groundedSystemPrompt } from "./context";
import { KnowledgeIndex, type KnowledgeEntry } from "./retrieval";

export { builtinAnswer, citedSources, contextItems, findKnowledge, groundedSystemPrompt, KnowledgeIndex, type BotKnowledge, type Found, type KnowledgeEntry };

/** How many Q&A entries and document passages an LLM bot may receive with each message, and how many in all. */
export const CONTEXT_ENTRIES = 3;
export const CONTEXT_PASSAGES = 4;
export const CONTEXT_ITEMS = 5;
/** Bots whose Q&A index is kept in memory; the least recently used goes first. Documents are never held: they are searched in the database. */
const CACHED_BOTS = 500;

type Cached = { version: number; index: Promise<KnowledgeIndex> };
const cache = new Map<string, Cached>();

/**
 * The bot's Q&A index, built once per knowledge version and kept: every change to the Q&A moves
 * the bot's `knowledgeVersion` on, so a stale index is never used, in this process or another.
 */
export function knowledgeIndex(bot: { id: string; knowledgeVersion: number }): Promise<KnowledgeIndex> {
  const hit = cache.get(bot.id);
  if (hit && hit.version === bot.knowledgeVersion) {
    cache.delete(bot.id);
    cache.set(bot.id, hit);
    return hit.index;
  }
  const index = knowledgeForIndex(bot.id).then((entries) => new KnowledgeIndex(entries));
  index.catch(() => cache.get(bot.id)?.index === index && cache.delete(bot.id));
  cache.set(bot.id, { version: bot.knowledgeVersion, index });
  if (cache.size > CACHED_BOTS) cache.delete(cache.keys().next().value!);
  return index;
}

/** The bot's knowledge for retrieval: its cached Q&A index, and whether it has document pieces. */
export async function botKnowledge(bot: { id: string; knowledgeVersion: number; hasPieces: boolean }): Promise<BotKnowledge> {
  return { botId: bot.id, index: await knowledgeIndex(bot), hasPieces: bot.hasPieces };
}
