import { getFormatter, getTranslations } from "next-intl/server";
import { requireOwnedBot } from "@/lib/auth/guards";
import { ChatPanel } from "@/components/chat/ChatPanel";
import { Markdown } from "@/components/chat/Markdown";

type Params = Promise<{ id: string }>;

export default async function ChatbotPage({ params }: { params: Params }) {
  const { bot } = await requireOwnedBot((await params).id);
  const t = await getTranslations("chatbots");
  const format = await getFormatter();
  const none = <span className="text-body-secondary">{t("none")}</span>;

  return (
    <>
      <div className="row g-4">
        <div className="col-lg-8">
          <ChatPanel target={{ kind: "owner", botId: bot.id }} welcome={bot.welcomeMessage ? <Markdown text={bot.welcomeMessage} /> : null} isActive={bot.isActive} botName={bot.name} avatar={bot} />
        </div>
        <div className="col-lg-4">
          <div className="card">
            <div className="card-body">
              <h2 className="h6">{t("settings")}</h2>
              <dl className="mb-0 small">
                <dt>{t("provider")}</dt>
                <dd>
                  {t(`provider_${bot.provider}`)}
                  {bot.model && bot.provider !== "builtin" ? ` · ${bot.model}` : ""}
                </dd>
                <dt>{t("description")}</dt>
                <dd className="text-prewrap" dir="auto">
                  {bot.description || none}
                </dd>
                <dt>{t("systemPrompt")}</dt>
                <dd className="text-prewrap" dir="auto">
                  {bot.systemPrompt || none}
                </dd>
                <dt>{t("created")}</dt>
                <dd>{format.dateTime(bot.createdAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
                <dt>{t("last_updated")}</dt>
                <dd className="mb-0">{format.dateTime(bot.updatedAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
              </dl>
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
