import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireOwnedBot } from "@/lib/auth/guards";
import { getConversation } from "@/lib/db/conversations";
import { AppError, isErrorCode } from "@/lib/errors";
import { Markdown } from "@/components/chat/Markdown";
import { SourceList } from "@/components/chat/SourceList";
import { SaveTestButton } from "@/components/tests/SaveTestButton";
import { DeleteConversations } from "../_components/DeleteConversations";

type Props = { params: Promise<{ id: string; conversationId: string }> };

export default async function TranscriptPage({ params }: Props) {
  const { id, conversationId } = await params;
  const { user, bot } = await requireOwnedBot(id);
  const conversation = await getConversation(user, conversationId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  if (conversation.chatbotId !== bot.id) notFound();
  const t = await getTranslations("conversations");
  const tErrors = await getTranslations("errors");
  const format = await getFormatter();

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3">
        <Link href={`/chatbots/${bot.id}/conversations`}>
          <i className="bi bi-arrow-left me-1" aria-hidden />
          {t("back")}
        </Link>
        <DeleteConversations botId={bot.id} conversationId={conversation.id} size="sm" />
      </div>
      <h2 className="h5">{t("transcript", { date: format.dateTime(conversation.startedAt, { dateStyle: "medium", timeStyle: "short" }) })}</h2>
      <div className="card">
        <div className="card-body chat-thread" style={{ maxHeight: "none" }} data-testid="transcript">
          {conversation.messages.map((m, i) => (
            <div key={m.id} className={`chat-line ${m.role === "user" ? "chat-user text-prewrap" : "chat-assistant"}`}>
              {m.role === "user" ? <div dir="auto">{m.content}</div> : m.content && <Markdown text={m.content} />}
              {m.role === "assistant" && <SourceList sources={m.sources} />}
              {m.errorCode && (
                <div className="text-danger small">
                  <i className="bi bi-exclamation-triangle me-1" aria-hidden />
                  {tErrors(isErrorCode(m.errorCode) ? m.errorCode : "server_error")}
                </div>
              )}
              <div className="small text-body-secondary mt-1">
                {format.dateTime(m.createdAt, { timeStyle: "short" })}
                {m.role === "assistant" && m.latencyMs !== null && ` · ${t("latency", { ms: m.latencyMs })}`}
                {m.role === "assistant" && m.outputTokens !== null && ` · ${t("tokens", { input: m.inputTokens ?? 0, output: m.outputTokens })}`}
                {m.role === "assistant" && m.content && !m.errorCode && conversation.messages[i - 1]?.role === "user" && (
                  <SaveTestButton botId={bot.id} question={conversation.messages[i - 1].content} reply={m.content} usedSources={m.sources.length > 0} />
                )}
              </div>
            </div>
          ))}
        </div>
      </div>
    </>
  );
}
