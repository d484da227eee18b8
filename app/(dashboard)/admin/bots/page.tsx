import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { listAllBots } from "@/lib/db/admin";
import { AdminTabs, adminOnly } from "../_components/AdminTabs";
import { BotAdminActions } from "../_components/BotAdminActions";
import { Pagination } from "@/components/ui/Pagination";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("tab_bots") };
}

type SearchParams = Promise<{ q?: string; page?: string }>;

/** Every bot of the installation, for an admin (checked in the database, every request). */
export default async function AdminBotsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const query = (params.q ?? "").slice(0, 100);
  const list = await adminOnly(listAllBots(user, { query, page: Number(params.page) || 1 }));
  const t = await getTranslations("admin");
  const href = (p: number) => `/admin/bots?${new URLSearchParams({ ...(query ? { q: query } : {}), page: String(p) })}`;

  return (
    <>
      <AdminTabs current="bots" />
      <form className="mb-3" role="search" action="/admin/bots">
        <label htmlFor="admin-bots-q" className="form-label">
          {t("search_bots_label")}
        </label>
        <div className="input-group">
          <input id="admin-bots-q" name="q" type="search" className="form-control" defaultValue={query} />
          <button type="submit" className="btn btn-outline-secondary">
            {t("search_submit")}
          </button>
        </div>
      </form>
      <p className="small text-body-secondary">{t("bots_count", { count: list.total })}</p>
      {/* position-relative: visually-hidden labels inside must not widen the page; table-stack: one block per row on a phone. */}
      <div className="table-responsive position-relative">
        <table className="table table-stack align-middle" data-testid="admin-bots">
          <thead>
            <tr>
              <th scope="col">{t("bot")}</th>
              <th scope="col">{t("owner")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("messages_7d")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((bot) => (
              <tr key={bot.id}>
                <td className="text-break fw-semibold" dir="auto" data-label={t("bot")}>
                  {bot.name}
                </td>
                <td className="text-break" dir="auto" data-label={t("owner")}>
                  {bot.ownerUsername}
                </td>
                <td data-label={t("status")}>
                  <span className={`badge ${bot.isActive ? "text-bg-success" : "text-bg-secondary"}`}>{t(bot.isActive ? "active" : bot.adminLocked ? "locked" : "inactive")}</span>
                </td>
                <td data-label={t("messages_7d")}>{bot.messagesLastWeek}</td>
                <td data-label={t("actions")}>
                  <BotAdminActions bot={bot} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={list.page} pages={list.pages} href={href} label={t("pagination_bots")} />
    </>
  );
}
