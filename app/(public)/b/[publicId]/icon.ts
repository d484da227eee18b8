import { findPublicBot } from "@/lib/db/channels";
import { findPublicAvatarImage } from "@/lib/db/chatbots";
import { avatarSvg, pictureSvg } from "@/lib/chatbots/avatar-icons";
import { publicIdSchema } from "@/lib/validation/channels";

// The public page's title icon is the bot's, not the platform's (this segment's icon replaces app/icon.svg).
export const contentType = "image/svg+xml";

/** The bot's picture or its icon on its colour, as one SVG; 404 when its public page is off. */
export default async function Icon({ params }: { params: Promise<{ publicId: string }> }) {
  const { publicId } = await params;
  const bot = publicIdSchema.safeParse(publicId).success ? await findPublicBot(publicId, "page") : null;
  if (!bot) return new Response(null, { status: 404 });
  const picture = bot.avatarImageHash ? await findPublicAvatarImage(publicId) : null;
  return new Response(picture ? pictureSvg(picture.bytes) : avatarSvg(bot), {
    headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff" },
  });
}
