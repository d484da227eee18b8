import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireOwnedBot } from "@/lib/auth/guards";
import { listConversations } from "@/lib/db/conversations";
import { DeleteConversations } from "./_components/DeleteConversations";
import { Pagination } from "@/components/ui/Pagination";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> };

export default async function ConversationsPage({ params, searchParams }: Props) {
  const { user, bot } = await requireOwnedBot((await params).id);
  const { items, total, page, pages } = await listConversations(user, bot.id, Number((await searchParams).page) || 1);
  const t = await getTranslations("conversations");
  const format = await getFormatter();
  const base = `/chatbots/${bot.id}/conversations`;

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3">
        <p className="mb-0 text-body-secondary">{t("count", { count: total })}</p>
        {total > 0 && (
          <div className="d-flex flex-wrap gap-2">
            <a className="btn btn-outline-secondary btn-sm" href={`/api/chatbots/${bot.id}/conversations/export?format=csv`} download>
              <i className="bi bi-filetype-csv me-1" aria-hidden />
              {t("export_csv")}
            </a>
            <a className="btn btn-outline-secondary btn-sm" href={`/api/chatbots/${bot.id}/conversations/export?format=json`} download>
              <i className="bi bi-filetype-json me-1" aria-hidden />
              {t("export_json")}
            </a>
            <DeleteConversations botId={bot.id} size="sm" />
          </div>
        )}
      </div>
      {items.length === 0 ? (
        <div className="card">
          <div className="card-body text-center py-5">
            <p className="mb-3">{t("empty")}</p>
            <Link href={`/chatbots/${bot.id}`} className="btn btn-primary">
              {t("try_playground")}
            </Link>
          </div>
        </div>
      ) : (
        <>
          <ul className="list-group mb-3" data-testid="conversation-list">
            {items.map((c) => (
              <li key={c.id} className="list-group-item">
                <Link href={`${base}/${c.id}`} className="fw-semibold text-break d-block" dir="auto">
                  {c.firstMessage || t("no_message")}
                </Link>
                <span className="small text-body-secondary">
                  {format.dateTime(c.updatedAt, { dateStyle: "medium", timeStyle: "short" })} · {t("messages", { count: c.messageCount })} · {t(`source_${c.source}` as "source_playground")}
                </span>
              </li>
            ))}
          </ul>
          <Pagination page={page} pages={pages} href={(p) => `${base}?page=${p}`} label={t("pagination")} />
        </>
      )}
    </>
  );
}
