import { AVATAR_COLORS, avatarImageUrl, avatarOf } from "@/lib/chatbots/avatar";

type AvatarBot = { id?: string; avatarIcon?: string | null; avatarColor?: string | null; avatarImageHash?: string | null };
type Props = { bot: AvatarBot; size?: "sm" | "md" | "lg"; className?: string };

/**
 * The bot's uploaded picture, else its icon on its colour. Decorative either way: the bot's name
 * is always written beside it, so the picture's text alternative is empty.
 */
export function BotAvatar({ bot, size = "md", className = "" }: Props) {
  if (bot.id && bot.avatarImageHash) {
    return (
      // Our own 256 px WebP, already small: Next's image optimiser would only re-encode it again.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={avatarImageUrl({ id: bot.id, avatarImageHash: bot.avatarImageHash })}
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
