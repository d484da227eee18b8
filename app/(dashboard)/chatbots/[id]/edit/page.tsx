import { getTranslations } from "next-intl/server";
import { requireOwnedBot } from "@/lib/auth/guards";
import { Markdown } from "@/components/chat/Markdown";
import { ChatbotForm } from "@/components/chatbots/ChatbotForm";
import { MODEL_SUGGESTIONS, availableProviders } from "@/lib/ai";
import { avatarOf } from "@/lib/chatbots/avatar";
import { AvatarPicture } from "./_components/AvatarPicture";

type Params = Promise<{ id: string }>;

export default async function EditChatbotPage({ params }: { params: Params }) {
  const { bot } = await requireOwnedBot((await params).id);
  const t = await getTranslations("chatbots");
  const avatar = { avatarIcon: avatarOf(bot).icon, avatarColor: avatarOf(bot).color };
  return (
    <>
      <h2 className="visually-hidden">{t("section_settings")}</h2>
      <AvatarPicture bot={{ id: bot.id, avatarImageHash: bot.avatarImageHash, ...avatar }} />
      <ChatbotForm bot={{ ...bot, ...avatar }} providers={availableProviders()} modelSuggestions={MODEL_SUGGESTIONS} welcomeView={bot.welcomeMessage ? <Markdown text={bot.welcomeMessage} /> : undefined} />
    </>
  );
}
