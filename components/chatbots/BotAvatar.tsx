import { AVATAR_COLORS, avatarImageUrl, avatarOf, publicAvatarImageUrl } from "@/lib/chatbots/avatar";

/** `publicId`: drawn for visitors, the picture loaded by the public id; else `id`: the owner's pages. */
export type AvatarBot = { id?: string; publicId?: string; avatarIcon?: string | null; avatarColor?: string | null; avatarImageHash?: string | null };
type Props = { bot: AvatarBot; size?: "sm" | "md" | "lg"; className?: string };

/**
 * The bot's uploaded picture, else its icon on its colour. Decorative either way: the bot's name
 * is always written beside it, so the picture's text alternative is empty.
 */
export function BotAvatar({ bot, size = "md", className = "" }: Props) {
  const hash = bot.avatarImageHash;
  const src = hash && (bot.publicId ? publicAvatarImageUrl({ publicId: bot.publicId, avatarImageHash: hash }) : bot.id ? avatarImageUrl({ id: bot.id, avatarImageHash: hash }) : null);
  if (src) {
    return (
      // Our own 256 px WebP, already small: Next's image optimiser would only re-encode it again.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={src}
        alt=""
        className={`bot-avatar bot-avatar-${size} bot-avatar-image ${className}`}
        width={256}
        height={256}
        decoding="async"
        data-testid="bot-avatar-image"
      />
    );
  }
  const { icon, color } = avatarOf(bot);
  return (
    <span className={`bot-avatar bot-avatar-${size} ${className}`} style={{ backgroundColor: AVATAR_COLORS[color] }} aria-hidden>
      <i className={`bi bi-${icon}`} />
    </span>
  );
}
