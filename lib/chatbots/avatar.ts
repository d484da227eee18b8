// A bot's face: one of a few Bootstrap icons on one of a few colours. Both are stored as these
// short names and checked against these lists (lib/validation/chatbot.ts), so nothing a form
// posts ever becomes a class name or a style on its own.

export const AVATAR_ICONS = [
  "robot",
  "chat-dots",
  "shop",
  "cup-hot",
  "headset",
  "calendar-check",
  "book",
  "heart",
  "lightning-charge",
  "briefcase",
  "house",
  "stars",
] as const;

/** Each colour carries white text at 4.5:1 or more, in both themes. */
export const AVATAR_COLORS = {
  indigo: "#4338ca",
  blue: "#1d4ed8",
  teal: "#0f766e",
  green: "#15803d",
  amber: "#b45309",
  red: "#b91c1c",
  pink: "#be185d",
  slate: "#475569",
} as const;

export type AvatarIcon = (typeof AVATAR_ICONS)[number];
export type AvatarColor = keyof typeof AVATAR_COLORS;
export const AVATAR_COLOR_NAMES = Object.keys(AVATAR_COLORS) as [AvatarColor, ...AvatarColor[]];

export const DEFAULT_AVATAR = { icon: "robot", color: "indigo" } as const satisfies { icon: AvatarIcon; color: AvatarColor };

/** What is stored, made safe to draw: anything unknown (an old row, a hand-edited one) draws the default. */
export function avatarOf(bot: { avatarIcon?: string | null; avatarColor?: string | null }): { icon: AvatarIcon; color: AvatarColor } {
  const icon = (AVATAR_ICONS as readonly string[]).includes(bot.avatarIcon ?? "") ? (bot.avatarIcon as AvatarIcon) : DEFAULT_AVATAR.icon;
  const color = bot.avatarColor && bot.avatarColor in AVATAR_COLORS ? (bot.avatarColor as AvatarColor) : DEFAULT_AVATAR.color;
  return { icon, color };
}

/**
 * An uploaded picture (lib/chatbots/avatar-image.ts re-encodes it). 1 MB raw fits under the
 * server actions' 1 MiB body limit (next.config.ts) with the form's framing; 4096 px a side is
 * read from the header before any pixel is decoded.
 */
export const AVATAR_UPLOAD = {
  maxBytes: 1_000_000,
  maxSide: 4096,
  /** What the file picker offers; the server trusts only the bytes. */
  accept: "image/png,image/jpeg,image/webp,image/gif",
  /** The stored picture: a square this many pixels a side, in this type. */
  size: 256,
  contentType: "image/webp",
} as const;

/** Where the owner's pages load a bot's picture: the hash in the URL makes it cacheable for good. */
export const avatarImageUrl = (bot: { id: string; avatarImageHash: string }) => `/api/chatbots/${encodeURIComponent(bot.id)}/avatar?v=${bot.avatarImageHash}`;

/** Where visitors (public page, widget, embed) load it: by the public id, no session (app/api/avatars/[publicId]). */
export const publicAvatarImageUrl = (bot: { publicId: string; avatarImageHash: string }) => `/api/avatars/${encodeURIComponent(bot.publicId)}?v=${bot.avatarImageHash}`;
