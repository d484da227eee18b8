import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { findChatbot } from "@/lib/db/chatbots";
import { ChatbotForm } from "@/components/chatbots/ChatbotForm";
import { MODEL_SUGGESTIONS, availableProviders, type ProviderId } from "@/lib/ai";

type Params = Promise<{ id: string }>;

export default async function EditChatbotPage({ params }: { params: Params }) {
  const user = await requireUser();
  const bot = await findChatbot(user, (await params).id);
  if (!bot) notFound();
  const t = await getTranslations("chatbots");
  return (
    <div className="col-lg-8">
      <h1 className="h3 mb-4 text-break">{t("edit_title", { name: bot.name })}</h1>
      <ChatbotForm bot={{ ...bot, provider: bot.provider as ProviderId }} providers={availableProviders()} modelSuggestions={MODEL_SUGGESTIONS} />
    </div>
  );
}
