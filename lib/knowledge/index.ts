import "server-only";
import { knowledgeForIndex } from "@/lib/db/knowledge";
import { groundedSystemPrompt } from "./context";
import { KnowledgeIndex, type KnowledgeEntry } from "./retrieval";

export { groundedSystemPrompt, KnowledgeIndex, type KnowledgeEntry };

/** How many entries an LLM bot receives with each message. */
export const CONTEXT_ENTRIES = 3;
/** Bots whose index is kept in memory; the least recently used goes first. */
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
