import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireOwnedBot } from "@/lib/auth/guards";
import { ChatPanel } from "@/components/chat/ChatPanel";
import { Markdown } from "@/components/chat/Markdown";
import { getConversation, latestPlaygroundConversation } from "@/lib/db/conversations";
import { AppError } from "@/lib/errors";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<{ c?: string | string[] }>;

/**
 * The playground's conversation named in the URL (`?c=`, kept there by ChatPanel), read through
 * the owner-checked read: one of this bot's playground conversations, or none (deleted, someone
 * else's, another channel's: the playground starts afresh).
 */
async function resumed(user: { id: string }, botId: string, id: string | string[] | undefined) {
  if (typeof id !== "string" || !id || id.length > 64) return null;
  const conversation = await getConversation(user, id).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!conversation || conversation.chatbotId !== botId || conversation.source !== "playground") return null;
  return { conversationId: conversation.id, messages: conversation.messages.map(({ role, content, errorCode, sources }) => ({ role, content, errorCode, sources })) };
}

export default async function ChatbotPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { user, bot } = await requireOwnedBot((await params).id);
  const resume = await resumed(user, bot.id, (await searchParams).c);
  // Without one in the URL (a tab opened afresh, back from another section): offer the last one.
  const last = resume ? null : await latestPlaygroundConversation(user, bot.id);
  const t = await getTranslations("chatbots");
  const tChat = await getTranslations("chat");
  const format = await getFormatter();
  const none = <span className="text-body-secondary">{t("none")}</span>;

  return (
    <>
      <div className="row g-4">
        <div className="col-lg-8">
          {last && (
            <p className="mb-2 small" data-testid="resume-last">
              <Link href={`/chatbots/${bot.id}?c=${encodeURIComponent(last.id)}`}>
                <i className="bi bi-arrow-counterclockwise me-1" aria-hidden />
                {tChat("resume_last", { when: format.relativeTime(last.updatedAt) })}
              </Link>
            </p>
          )}
          <ChatPanel
            // A new key when the conversation changes (the "continue" link): the panel starts from it.
            key={resume?.conversationId ?? "new"}
            target={{ kind: "owner", botId: bot.id }}
            welcome={bot.welcomeMessage ? <Markdown text={bot.welcomeMessage} /> : null}
            isActive={bot.isActive}
            botName={bot.name}
            avatar={bot}
            resume={resume ?? undefined}
            historyPath={`/chatbots/${bot.id}/conversations`}
          />
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
