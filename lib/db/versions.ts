import "server-only";
import { AppError } from "@/lib/errors";
import { newlyFailing } from "./bot-tests";
import { db, type Tx } from "./client";
import { ownBot, requireActorId, type Actor } from "./scopes";

/** What a version holds: the settings that change how the bot answers (a name or avatar does not). */
export const BEHAVIOUR_FIELDS = ["systemPrompt", "provider", "model", "temperature", "maxOutputTokens", "welcomeMessage", "fallbackMessage"] as const;
export type BehaviourField = (typeof BEHAVIOUR_FIELDS)[number];
export type Behaviour = {
  systemPrompt: string;
  provider: string;
  model: string;
  temperature: number;
  maxOutputTokens: number;
  welcomeMessage: string;
  fallbackMessage: string;
};

const behaviourSelect = Object.fromEntries(BEHAVIOUR_FIELDS.map((f) => [f, true])) as { [K in BehaviourField]: true };

export const behaviourOf = (row: Behaviour): Behaviour => Object.fromEntries(BEHAVIOUR_FIELDS.map((f) => [f, row[f]])) as Behaviour;

/** The behaviour fields where two settings differ, in the form's order. */
export const changedFields = (a: Behaviour, b: Behaviour): BehaviourField[] => BEHAVIOUR_FIELDS.filter((f) => a[f] !== b[f]);

const versionFields = { number: true, createdAt: true, authorName: true, note: true, restoredFrom: true, knowledgeVersion: true, ...behaviourSelect } as const;

/**
 * Writes the bot's current behaviour as its next version when it differs from the latest one (or
 * there is none): called inside the transaction that changed the bot, after the change, so the
 * row's write lock orders concurrent saves and numbers never collide. Returns the new number or null.
 */
export async function recordVersion(tx: Tx, botId: string, author: Actor, extra: { note?: string; restoredFrom?: number; force?: boolean } = {}) {
  const authorId = requireActorId(author);
  const [bot, latest, user] = await Promise.all([
    tx.chatbot.findUniqueOrThrow({ where: { id: botId }, select: { ...behaviourSelect, knowledgeVersion: true } }),
    tx.botVersion.findFirst({ where: { chatbotId: botId }, orderBy: { number: "desc" }, select: { number: true, ...behaviourSelect } }),
    tx.user.findUnique({ where: { id: authorId }, select: { username: true } }),
  ]);
  if (latest && !extra.force && changedFields(latest, bot).length === 0) return null;
  const number = (latest?.number ?? 0) + 1;
  await tx.botVersion.create({
    data: { chatbotId: botId, number, authorId, authorName: user?.username ?? "", note: extra.note ?? "", restoredFrom: extra.restoredFrom ?? null, ...behaviourOf(bot), knowledgeVersion: bot.knowledgeVersion },
  });
  return number;
}

/** A new bot's first version, published at once: a new bot answers everywhere with what it was made with. */
export async function recordFirstVersion(tx: Tx, botId: string, author: Actor) {
  await recordVersion(tx, botId, author, { force: true });
  await tx.chatbot.update({ where: { id: botId }, data: { publishedVersion: 1 } });
}

/** The bot's versions, newest first, and which one is published. */
export async function listVersions(actor: Actor, botId: string) {
  const bot = await db.chatbot.findFirst({ where: ownBot(actor, botId), select: { publishedVersion: true, knowledgeVersion: true } });
  if (!bot) throw new AppError("not_found");
  const versions = await db.botVersion.findMany({ where: { chatbotId: botId }, orderBy: { number: "desc" }, select: versionFields });
  return { published: bot.publishedVersion, knowledgeVersion: bot.knowledgeVersion, versions };
}

/**
 * Whether the draft (the bot's own settings, which the playground answers with) differs from the
 * published version; the header says "unpublished changes" when it does.
 */
export async function draftStatus(actor: Actor, botId: string) {
  const bot = await db.chatbot.findFirst({ where: ownBot(actor, botId), select: { ...behaviourSelect, publishedVersion: true } });
  if (!bot) throw new AppError("not_found");
  const published = bot.publishedVersion === null ? null : await db.botVersion.findUnique({ where: { chatbotId_number: { chatbotId: botId, number: bot.publishedVersion } }, select: behaviourSelect });
  // Never published (a bot from before versions, written without one): every channel answers with its draft, so nothing is pending.
  return { published: bot.publishedVersion, unpublished: !!published && changedFields(published, bot).length > 0 };
}

/**
 * Publishes the draft: the latest version becomes the one visitors, the widget and the API talk to.
 * When the latest run of the saved tests shows questions that pass on the published version and
 * fail on this draft, only with `confirmRegressions` (the owner saw them): else `tests_regressed`.
 */
export async function publishDraft(actor: Actor, botId: string, { confirmRegressions = false }: { confirmRegressions?: boolean } = {}) {
  if (!confirmRegressions && (await newlyFailing(actor, botId)).length) throw new AppError("tests_regressed");
  return db.$transaction(async (tx) => {
    // Ownership and the row lock first, so a save landing now is either in the published version or after it.
    const { count } = await tx.chatbot.updateMany({ where: ownBot(actor, botId), data: { updatedAt: new Date() } });
    if (count === 0) throw new AppError("not_found");
    await recordVersion(tx, botId, actor); // a draft never saved as a version (none yet) gets one
    const latest = await tx.botVersion.findFirstOrThrow({ where: { chatbotId: botId }, orderBy: { number: "desc" }, select: { number: true } });
    await tx.chatbot.update({ where: { id: botId }, data: { publishedVersion: latest.number } });
    return latest.number;
  });
}

/**
 * "Restore": the draft takes an old version's behaviour, written as a new version (history is never
 * rewritten); what is published stays until the owner publishes.
 */
export async function restoreVersion(actor: Actor, botId: string, number: number) {
  return db.$transaction(async (tx) => {
    const old = await tx.botVersion.findFirst({ where: { chatbotId: botId, number, chatbot: ownBot(actor, botId) }, select: behaviourSelect });
    if (!old) throw new AppError("not_found");
    await tx.chatbot.update({ where: { id: botId }, data: behaviourOf(old) });
    return (await recordVersion(tx, botId, actor, { restoredFrom: number, force: true }))!;
  });
}

/** Two versions of the actor's bot, for the side-by-side comparison; null where a number names none. */
export async function compareVersions(actor: Actor, botId: string, a: number, b: number) {
  const rows = await db.botVersion.findMany({ where: { chatbotId: botId, number: { in: [a, b] }, chatbot: ownBot(actor, botId) }, select: versionFields });
  const find = (n: number) => rows.find((r) => r.number === n) ?? null;
  return { from: find(a), to: find(b) };
}
