import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Markdown } from "@/components/chat/Markdown";
import { findPublicBot } from "@/lib/db/channels";
import { publicIdSchema } from "@/lib/validation/channels";
import { EmbedChat } from "./_components/EmbedChat";

type Params = Promise<{ publicId: string }>;

const widgetBot = cache(async (publicId: string) => {
  const bot = publicIdSchema.safeParse(publicId).success ? await findPublicBot(publicId, "widget") : null;
  if (!bot) notFound();
  return bot;
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const bot = await widgetBot((await params).publicId);
  return { title: bot.name, robots: { index: false, follow: false } };
}

/**
 * The widget's chat, inside an iframe on the owner's site. proxy.ts gives this response a
 * `frame-ancestors` listing exactly the bot's allowed origins, so it renders nowhere else.
 */
export default async function EmbedPage({ params }: { params: Params }) {
  const { publicId } = await params;
  const bot = await widgetBot(publicId);
  const t = await getTranslations("public");
  return (
    <EmbedChat
      publicId={publicId}
      name={bot.name}
      welcome={bot.welcomeMessage ? <Markdown text={bot.welcomeMessage} /> : null}
      notice={t("ai_notice")}
      avatar={{ publicId, avatarIcon: bot.avatarIcon, avatarColor: bot.avatarColor, avatarImageHash: bot.avatarImageHash }}
    />
  );
}
