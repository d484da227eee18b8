import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChatbotActiveSwitch } from "./ChatbotActiveSwitch";
import { DeleteChatbotButton } from "./DeleteChatbotButton";

type Section = "playground" | "knowledge" | "conversations";

/** Breadcrumb, name, actions and the bot's sections, shared by its pages. */
export async function BotHeader({ bot, section }: { bot: { id: string; name: string; isActive: boolean; adminLocked: boolean }; section: Section }) {
  const t = await getTranslations("chatbots");
  const tabs: { key: Section; href: string; icon: string }[] = [
    { key: "playground", href: `/chatbots/${bot.id}`, icon: "bi-chat-dots" },
    { key: "knowledge", href: `/chatbots/${bot.id}/knowledge`, icon: "bi-question-circle" },
    { key: "conversations", href: `/chatbots/${bot.id}/conversations`, icon: "bi-clock-history" },
  ];
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
          <ChatbotActiveSwitch id={bot.id} name={bot.name} isActive={bot.isActive} locked={bot.adminLocked} />
          <Link href={`/chatbots/${bot.id}/edit`} className="btn btn-outline-primary">
            <i className="bi bi-pencil me-1" aria-hidden />
            {t("edit")}
          </Link>
          <DeleteChatbotButton id={bot.id} name={bot.name} />
        </div>
      </div>
      <ul className="nav nav-tabs mb-3">
        {tabs.map((tab) => (
          <li className="nav-item" key={tab.key}>
            <Link href={tab.href} className={`nav-link ${tab.key === section ? "active" : ""}`} aria-current={tab.key === section ? "page" : undefined}>
              <i className={`bi ${tab.icon} me-1`} aria-hidden />
              {t(`section_${tab.key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
