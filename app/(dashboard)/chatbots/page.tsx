import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { listChatbots } from "@/lib/db/chatbots";
import { ChatbotActiveSwitch } from "@/components/chatbots/ChatbotActiveSwitch";
import { DeleteChatbotButton } from "@/components/chatbots/DeleteChatbotButton";
import { BotAvatar } from "@/components/chatbots/BotAvatar";
import { EmptyState } from "@/components/ui/EmptyState";
import { Pagination } from "@/components/ui/Pagination";

export async function generateMetadata() {
  return { title: (await getTranslations("chatbots"))("title") };
}

type SearchParams = Promise<{ q?: string | string[]; page?: string | string[] }>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function ChatbotsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const t = await getTranslations("chatbots");
  const format = await getFormatter();
  const params = await searchParams;
  const query = first(params.q).slice(0, 100);
  const { items, total, page, pages } = await listChatbots(user, { query, page: Number(first(params.page)) || 1 });
  const pageHref = (p: number) => `/chatbots?${new URLSearchParams({ ...(query ? { q: query } : {}), page: String(p) })}`;

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3">
        <h1 className="h3 mb-0">{t("title")}</h1>
        <Link href="/chatbots/templates" className="btn btn-primary">
          <i className="bi bi-plus-lg me-1" aria-hidden />
          {t("new")}
        </Link>
      </div>
      <form className="mb-3" role="search" action="/chatbots">
        <label htmlFor="search-q" className="form-label">
          {t("search_label")}
        </label>
        <div className="input-group">
          <input id="search-q" name="q" type="search" className="form-control" defaultValue={query} placeholder={t("search_placeholder")} />
          <button type="submit" className="btn btn-outline-secondary">
            <i className="bi bi-search me-1" aria-hidden />
            {t("search_submit")}
          </button>
        </div>
      </form>
      {items.length === 0 ? (
        query ? (
          <EmptyState icon="search" title={t("no_results", { query })} />
        ) : (
          <EmptyState
            icon="robot"
            title={t("empty")}
            text={t("empty_text")}
            action={
              <Link href="/chatbots/templates" className="btn btn-primary">
                {t("create_first")}
              </Link>
            }
          />
        )
      ) : (
        <>
          <p className="text-body-secondary small" aria-live="polite">
            {t("count", { count: total })}
          </p>
          <ul className="list-group mb-3" data-testid="chatbot-list">
            {items.map((bot) => (
              <li key={bot.id} className="list-group-item">
                <div className="d-flex flex-wrap justify-content-between gap-2">
                  <BotAvatar bot={bot} />
                  <div className="min-w-0 flex-grow-1">
                    <Link href={`/chatbots/${bot.id}`} className="fw-semibold text-break" dir="auto">
                      {bot.name}
                    </Link>
                    {bot.description && <div className="small text-body-secondary text-break" dir="auto">
                        {bot.description}
                      </div>}
                    <div className="small text-body-secondary">{t("updated", { when: format.relativeTime(bot.updatedAt) })}</div>
                  </div>
                  <div className="d-flex flex-wrap align-items-center gap-2">
                    <ChatbotActiveSwitch id={bot.id} name={bot.name} isActive={bot.isActive} locked={bot.adminLocked} />
                    <Link href={`/chatbots/${bot.id}/edit`} className="btn btn-sm btn-outline-primary" aria-label={t("edit_named", { name: bot.name })}>
                      <i className="bi bi-pencil me-1" aria-hidden />
                      {t("edit")}
                    </Link>
                    <DeleteChatbotButton id={bot.id} name={bot.name} size="sm" />
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <Pagination page={page} pages={pages} href={pageHref} label={t("pagination")} />
        </>
      )}
    </>
  );
}
