import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { listUsers } from "@/lib/db/admin";
import { AdminTabs, adminOnly } from "./_components/AdminTabs";
import { UserActions } from "./_components/UserActions";
import { Pagination } from "@/components/ui/Pagination";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("title") };
}

type SearchParams = Promise<{ q?: string; page?: string }>;

/** Users of this installation. Not an admin (checked in the database, every request): not found. */
export default async function AdminPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const query = (params.q ?? "").slice(0, 100);
  const list = await adminOnly(listUsers(user, { query, page: Number(params.page) || 1 }));
  const t = await getTranslations("admin");
  const format = await getFormatter();
  const href = (p: number) => `/admin?${new URLSearchParams({ ...(query ? { q: query } : {}), page: String(p) })}`;

  return (
    <>
      <AdminTabs current="users" />
      <form className="mb-3" role="search" action="/admin">
        <label htmlFor="admin-q" className="form-label">
          {t("search_label")}
        </label>
        <div className="input-group">
          <input id="admin-q" name="q" type="search" className="form-control" defaultValue={query} />
          <button type="submit" className="btn btn-outline-secondary">
            {t("search_submit")}
          </button>
        </div>
      </form>
      <p className="small text-body-secondary">{t("count", { count: list.total })}</p>
      {/* position-relative: visually-hidden labels inside must not widen the page; table-stack: one block per row on a phone. */}
      <div className="table-responsive position-relative">
        <table className="table table-stack align-middle" data-testid="admin-users">
          <thead>
            <tr>
              <th scope="col">{t("user")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("bots")}</th>
              <th scope="col">{t("created")}</th>
              <th scope="col">{t("last_login")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((u) => (
              <tr key={u.id}>
                <td className="text-break" data-label={t("user")}>
                  <div className="fw-semibold" dir="auto">
                    {u.username}
                  </div>
                  <div className="small text-body-secondary" dir="auto">
                    {u.email}
                  </div>
                </td>
                <td data-label={t("role")}>{t(u.role === "ADMIN" ? "role_admin" : "role_user")}</td>
                <td data-label={t("status")}>
                  <span className={`badge ${u.isActive ? "text-bg-success" : "text-bg-secondary"}`}>{t(u.isActive ? "active" : "inactive")}</span>
                  {u.twoFactor && <span className="badge text-bg-info ms-1">{t("two_factor_on")}</span>}
                </td>
                <td data-label={t("bots")}>{u.botCount}</td>
                <td className="small" data-label={t("created")}>{format.dateTime(u.createdAt, { dateStyle: "medium" })}</td>
                <td className="small" data-label={t("last_login")}>{u.lastLoginAt ? format.dateTime(u.lastLoginAt, { dateStyle: "medium", timeStyle: "short" }) : t("never")}</td>
                <td data-label={t("actions")}>
                  <UserActions user={u} self={u.id === user.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={list.page} pages={list.pages} href={href} label={t("pagination")} />
    </>
  );
}
