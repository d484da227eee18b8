import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { ChatbotForm } from "@/components/chatbots/ChatbotForm";
import { MODEL_SUGGESTIONS, availableProviders } from "@/lib/ai";
import { defaultDailyQuota } from "@/lib/chatbots/quota";

export async function generateMetadata() {
  return { title: (await getTranslations("chatbots"))("new_title") };
}

export default async function NewChatbotPage() {
  await requireUser();
  const t = await getTranslations("chatbots");
  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-4">
        <h1 className="h3 mb-0">{t("new_title")}</h1>
        <Link href="/chatbots/templates">
          <i className="bi bi-grid me-1" aria-hidden />
          {t("from_template")}
        </Link>
      </div>
      <ChatbotForm providers={availableProviders()} modelSuggestions={MODEL_SUGGESTIONS} defaultQuota={defaultDailyQuota()} />
    </>
  );
}
