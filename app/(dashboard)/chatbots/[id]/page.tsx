import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { findChatbot } from "@/lib/db/chatbots";
import { ChatbotActiveSwitch } from "@/components/chatbots/ChatbotActiveSwitch";
import { DeleteChatbotButton } from "@/components/chatbots/DeleteChatbotButton";

type Params = Promise<{ id: string }>;

export default async function ChatbotPage({ params }: { params: Params }) {
  const user = await requireUser();
  const bot = await findChatbot(user, (await params).id);
  if (!bot) notFound();
  const t = await getTranslations("chatbots");
  const format = await getFormatter();

  return (
    <>
      <nav aria-label={t("breadcrumb")}>
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link href="/chatbots">{t("title")}</Link>
          </li>
          <li className="breadcrumb-item active text-break" aria-current="page">
            {bot.name}
          </li>
        </ol>
      </nav>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2 mb-3">
        <h1 className="h3 mb-0 text-break min-w-0">{bot.name}</h1>
        <div className="d-flex flex-wrap align-items-center gap-2">
          <ChatbotActiveSwitch id={bot.id} name={bot.name} isActive={bot.isActive} />
          <Link href={`/chatbots/${bot.id}/edit`} className="btn btn-outline-primary">
            <i className="bi bi-pencil me-1" aria-hidden />
            {t("edit")}
          </Link>
          <DeleteChatbotButton id={bot.id} name={bot.name} />
        </div>
      </div>
      <div className="card">
        <div className="card-body">
          <dl className="row mb-0">
            <dt className="col-sm-3">{t("description")}</dt>
            <dd className="col-sm-9 text-prewrap">{bot.description || <span className="text-body-secondary">{t("none")}</span>}</dd>
            <dt className="col-sm-3">{t("systemPrompt")}</dt>
            <dd className="col-sm-9 text-prewrap">{bot.systemPrompt || <span className="text-body-secondary">{t("none")}</span>}</dd>
            <dt className="col-sm-3">{t("created")}</dt>
            <dd className="col-sm-9">{format.dateTime(bot.createdAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
            <dt className="col-sm-3">{t("last_updated")}</dt>
            <dd className="col-sm-9 mb-0">{format.dateTime(bot.updatedAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
          </dl>
        </div>
      </div>
    </>
  );
}
