import "server-only";
import { AppError } from "@/lib/errors";
import { widgetSettingsOf, type Channel, type ChannelsData } from "@/lib/validation/channels";
import { mailConfigured } from "@/lib/mail/transport";
import { newPublicId } from "./chatbots";
import { db } from "./client";
import { ownBot, publicBot, type Actor } from "./scopes";

// A bot's public channels: the owner's switches (scoped by owner), and what a visitor may read
// through a public page or widget (scoped by the channel: only the public fields of a bot that
// answers on it).

const channelFields = {
  id: true,
  publicId: true,
  isActive: true,
  adminLocked: true,
  publicPageEnabled: true,
  widgetEnabled: true,
  allowedOrigins: true,
  widgetSettings: true,
  apiEnabled: true,
} as const;

/** The owner's view of a bot's channels. */
export async function getChannels(actor: Actor, id: string) {
  const bot = await db.chatbot.findFirst({ where: ownBot(actor, id), select: channelFields });
  if (!bot) throw new AppError("not_found");
  const { widgetSettings, ...rest } = bot;
  return { ...rest, widget: widgetSettingsOf(widgetSettings) };
}

/**
 * With mail really sent (SMTP configured), a channel cannot be switched on until the owner's
 * address is verified; one already on may stay on. With no SMTP nothing waits on it.
 */
async function refuseUnverifiedSwitchOn(actor: Actor, id: string, input: ChannelsData) {
  if (!mailConfigured()) return;
  const bot = await db.chatbot.findFirst({
    where: ownBot(actor, id),
    select: { publicPageEnabled: true, widgetEnabled: true, apiEnabled: true, owner: { select: { emailVerified: true } } },
  });
  if (!bot) throw new AppError("not_found");
  if (bot.owner.emailVerified) return;
  const switchedOn = (["publicPageEnabled", "widgetEnabled", "apiEnabled"] as const).filter((channel) => input[channel] && !bot[channel]);
  if (switchedOn.length) throw new AppError("email_unverified", Object.fromEntries(switchedOn.map((channel) => [channel, "email_unverified" as const])));
}

export async function updateChannels(actor: Actor, id: string, input: ChannelsData) {
  await refuseUnverifiedSwitchOn(actor, id, input);
  const { count } = await db.chatbot.updateMany({
    where: ownBot(actor, id),
    data: {
      publicPageEnabled: input.publicPageEnabled,
      widgetEnabled: input.widgetEnabled,
      allowedOrigins: input.allowedOrigins,
      widgetSettings: JSON.stringify({ color: input.widgetColor.toLowerCase(), position: input.widgetPosition, greeting: input.widgetGreeting, buttonLabel: input.widgetButtonLabel }),
      apiEnabled: input.apiEnabled,
    },
  });
  if (count === 0) throw new AppError("not_found");
}

/** "New link": a fresh public id; the old one stops working at once (page, widget and embed). */
export async function replacePublicId(actor: Actor, id: string) {
  const publicId = newPublicId();
  const { count } = await db.chatbot.updateMany({ where: ownBot(actor, id), data: { publicId } });
  if (count === 0) throw new AppError("not_found");
  return publicId;
}

/** What a visitor sees of a bot on a public channel — nothing of its owner, prompt or settings — or null. */
export async function findPublicBot(publicId: string, channel: Channel) {
  const bot = await db.chatbot.findFirst({
    where: publicBot(publicId, channel),
    select: { id: true, name: true, description: true, welcomeMessage: true, publishedVersion: true, widgetSettings: true, avatarIcon: true, avatarColor: true, avatarImageHash: true },
  });
  if (!bot) return null;
  // Visitors see the published version's welcome, not the draft's (a bot never published: its own).
  const published = bot.publishedVersion === null ? null : await db.botVersion.findUnique({ where: { chatbotId_number: { chatbotId: bot.id, number: bot.publishedVersion } }, select: { welcomeMessage: true } });
  const { name, description, avatarIcon, avatarColor, avatarImageHash, widgetSettings } = bot;
  const shown = { name, description, avatarIcon, avatarColor, avatarImageHash, welcomeMessage: published?.welcomeMessage ?? bot.welcomeMessage };
  // publicId: visitors load the picture by it (components/chatbots/BotAvatar.tsx).
  return { ...shown, publicId, widget: widgetSettingsOf(widgetSettings) };
}

/** The origins that may frame the bot's widget: none unless the widget is on for an active, unlocked bot. */
export async function embedOrigins(publicId: string): Promise<string[]> {
  const bot = await db.chatbot.findFirst({ where: publicBot(publicId, "widget"), select: { allowedOrigins: true } });
  return bot ? bot.allowedOrigins.split("\n").filter(Boolean) : [];
}
