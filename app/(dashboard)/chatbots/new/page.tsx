import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { ChatbotForm } from "@/components/chatbots/ChatbotForm";
import { MODEL_SUGGESTIONS, availableProviders } from "@/lib/ai";

export async function generateMetadata() {
  return { title: (await getTranslations("chatbots"))("new_title") };
}

export default async function NewChatbotPage() {
  await requireUser();
  const t = await getTranslations("chatbots");
  return (
    <div className="col-lg-8">
      <h1 className="h3 mb-4">{t("new_title")}</h1>
      <ChatbotForm providers={availableProviders()} modelSuggestions={MODEL_SUGGESTIONS} />
    </div>
  );
}
