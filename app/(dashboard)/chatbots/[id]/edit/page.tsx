import { getTranslations } from "next-intl/server";
import { requireOwnedBot } from "@/lib/auth/guards";
import { ChatbotForm } from "@/components/chatbots/ChatbotForm";
import { MODEL_SUGGESTIONS, availableProviders } from "@/lib/ai";

type Params = Promise<{ id: string }>;

export default async function EditChatbotPage({ params }: { params: Params }) {
  const { bot } = await requireOwnedBot((await params).id);
  const t = await getTranslations("chatbots");
  return (
    <div className="col-lg-8">
      <h2 className="h5 mb-3">{t("section_settings")}</h2>
      <ChatbotForm bot={bot} providers={availableProviders()} modelSuggestions={MODEL_SUGGESTIONS} />
    </div>
  );
}
