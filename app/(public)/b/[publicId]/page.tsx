import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChatPanel } from "@/components/chat/ChatPanel";
import { Markdown } from "@/components/chat/Markdown";
import { findPublicBot } from "@/lib/db/channels";
import { publicIdSchema } from "@/lib/validation/channels";

type Params = Promise<{ publicId: string }>;

/** The bot's public page (read once per request), or the 404 page when its public page is off, it is inactive or locked, or the link was replaced. */
const publicPageBot = cache(async (publicId: string) => {
  const bot = publicIdSchema.safeParse(publicId).success ? await findPublicBot(publicId, "page") : null;
  if (!bot) notFound();
  return bot;
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const bot = await publicPageBot((await params).publicId);
  // A shared link, not a page for search engines.
  return { title: bot.name, robots: { index: false, follow: false } };
}

/** A full-page chat with a bot for anyone with the link: no login, nothing of its owner. */
export default async function PublicBotPage({ params }: { params: Params }) {
  const { publicId } = await params;
  const bot = await publicPageBot(publicId);
  const t = await getTranslations("public");
  return (
    <div className="container public-chat">
      <header className="mb-3">
        <h1 className="h3 mb-1" dir="auto">
          <i className="bi bi-robot me-2" aria-hidden />
          <bdi>{bot.name}</bdi>
        </h1>
        {bot.description && (
          <p className="text-body-secondary mb-1 text-prewrap" dir="auto">
            {bot.description}
          </p>
        )}
        <p className="small text-body-secondary mb-0" data-testid="ai-notice">
          <i className="bi bi-info-circle me-1" aria-hidden />
          {t("ai_notice")}
        </p>
      </header>
      <ChatPanel target={{ kind: "visitor", publicId, channel: "page" }} welcome={bot.welcomeMessage ? <Markdown text={bot.welcomeMessage} /> : null} isActive title={t("chat_title")} avatar={bot} />
    </div>
  );
}
