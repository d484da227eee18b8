import { AVATAR_COLORS, avatarOf } from "@/lib/chatbots/avatar";

type Props = { bot: { avatarIcon?: string | null; avatarColor?: string | null }; size?: "sm" | "md" | "lg"; className?: string };

/** The bot's icon on its colour. Decorative: the bot's name is always written beside it. */
export function BotAvatar({ bot, size = "md", className = "" }: Props) {
  const { icon, color } = avatarOf(bot);
  return (
    <span className={`bot-avatar bot-avatar-${size} ${className}`} style={{ backgroundColor: AVATAR_COLORS[color] }} aria-hidden>
      <i className={`bi bi-${icon}`} />
    </span>
  );
}
