import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ChatPanel } from "@/components/chat/ChatPanel";
import { Markdown } from "@/components/chat/Markdown";
import { BotAvatar } from "@/components/chatbots/BotAvatar";
import { AVATAR_COLORS, avatarOf } from "@/lib/chatbots/avatar";
import { findPublicBot } from "@/lib/db/channels";
import type { Locale } from "@/lib/i18n/locales";
import { THEME_COOKIE, themeFrom } from "@/lib/theme";
import { publicIdSchema } from "@/lib/validation/channels";
import { VisitorSettings } from "./_components/VisitorSettings";

type Params = Promise<{ publicId: string }>;

/** The bot's public page (read once per request), or the 404 page when its public page is off, it is inactive or locked, or the link was replaced. */
const publicPageBot = cache(async (publicId: string) => {
  const bot = publicIdSchema.safeParse(publicId).success ? await findPublicBot(publicId, "page") : null;
  if (!bot) notFound();
  return bot;
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const bot = await publicPageBot((await params).publicId);
  // A shared link, not a page for search engines; the business's name alone, not ours after it
  // (the title icon is the bot's too: ./icon.ts).
  return { title: { absolute: bot.name }, robots: { index: false, follow: false } };
}

/**
 * A full-page chat with a bot for anyone with the link: the business's page — its bot's name,
 * picture and colour, no navbar or account links of ours (components/Navbar.tsx steps aside),
 * nothing of its owner — with the visitor's language and theme, and one quiet line naming us.
 */
export default async function PublicBotPage({ params }: { params: Params }) {
  const { publicId } = await params;
  const bot = await publicPageBot(publicId);
  const t = await getTranslations("public");
  const locale = (await getLocale()) as Locale;
  const theme = themeFrom((await cookies()).get(THEME_COOKIE)?.value);
  const color = AVATAR_COLORS[avatarOf(bot).color];
  // Only what the avatar needs crosses to the client components.
  const face = { publicId, avatarIcon: bot.avatarIcon, avatarColor: bot.avatarColor, avatarImageHash: bot.avatarImageHash };
  return (
    <div className="public-page">
      <header className="public-header" style={{ borderTopColor: color }} data-testid="public-header">
        <div className="container public-chat d-flex align-items-center gap-3 py-2">
          <BotAvatar bot={face} size="lg" />
          <h1 className="h4 mb-0 flex-grow-1 min-w-0 text-truncate" dir="auto" title={bot.name}>
            <bdi>{bot.name}</bdi>
          </h1>
          <VisitorSettings locale={locale} theme={theme} />
        </div>
      </header>
      <div className="container public-chat pt-3">
        {bot.description && (
          <p className="text-body-secondary mb-1 text-prewrap" dir="auto">
            {bot.description}
          </p>
        )}
        <p className="small text-body-secondary mb-3" data-testid="ai-notice">
          <i className="bi bi-info-circle me-1" aria-hidden />
          {t("ai_notice")}
        </p>
        <ChatPanel target={{ kind: "visitor", publicId, channel: "page" }} welcome={bot.welcomeMessage ? <Markdown text={bot.welcomeMessage} /> : null} isActive title={t("chat_title")} avatar={face} />
        <p className="small text-body-secondary text-center mt-3 mb-0" data-testid="powered-by">
          {t.rich("powered_by", {
            link: (chunks) => (
              <Link href="/">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </div>
    </div>
  );
}
