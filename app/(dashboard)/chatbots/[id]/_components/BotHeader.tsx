import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChatbotActiveSwitch } from "@/components/chatbots/ChatbotActiveSwitch";
import { DeleteChatbotButton } from "@/components/chatbots/DeleteChatbotButton";
import { RefusalNotice, type Refusals } from "@/components/chatbots/RefusalNotice";
import { BotTabs } from "./BotTabs";
import { PublishButton } from "./PublishButton";

/** Breadcrumb, name, actions and the bot's sections, shared by its pages. */
export async function BotHeader({ bot, refusals, unpublished }: { bot: { id: string; name: string; isActive: boolean; adminLocked: boolean }; refusals?: Refusals; unpublished?: boolean }) {
  const t = await getTranslations("chatbots");
  const tVersions = await getTranslations("versions");
  return (
    <>
      <nav aria-label={t("breadcrumb")}>
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link href="/chatbots">{t("title")}</Link>
          </li>
          <li className="breadcrumb-item active text-break" aria-current="page">
            <bdi>{bot.name}</bdi>
          </li>
        </ol>
      </nav>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2 mb-3">
        <h1 className="h3 mb-0 text-break min-w-0" dir="auto">
          {bot.name}
        </h1>
        <div className="d-flex flex-wrap align-items-center gap-2">
          {unpublished && (
            <>
              {/* The playground answers with the draft; visitors, the widget and the API with what is published. */}
              <Link href={`/chatbots/${bot.id}/versions`} className="badge text-bg-warning text-decoration-none" data-testid="unpublished-changes">
                <i className="bi bi-pencil-square me-1" aria-hidden />
                {tVersions("unpublished_changes")}
              </Link>
              <PublishButton botId={bot.id} size="sm" />
            </>
          )}
          <ChatbotActiveSwitch id={bot.id} name={bot.name} isActive={bot.isActive} locked={bot.adminLocked} />
          <DeleteChatbotButton id={bot.id} name={bot.name} />
        </div>
      </div>
      {refusals && <RefusalNotice refusals={refusals} />}
      <BotTabs botId={bot.id} />
    </>
  );
}
