import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { AUDIT_ACTIONS, AUDIT_DETAILS, listAudit, type AuditAction } from "@/lib/db/audit";
import { AdminTabs, adminOnly } from "../_components/AdminTabs";
import { Pagination } from "@/components/ui/Pagination";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("tab_audit") };
}

type SearchParams = Promise<{ action?: string; page?: string }>;

const isAction = (value: unknown): value is AuditAction => (AUDIT_ACTIONS as readonly unknown[]).includes(value);
const isDetail = (value: string): value is (typeof AUDIT_DETAILS)[number] => (AUDIT_DETAILS as readonly string[]).includes(value);

/** Admin actions and auth events, newest first, for an admin (checked in the database, every request). */
export default async function AdminAuditPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const action = isAction(params.action) ? params.action : undefined;
  const list = await adminOnly(listAudit(user, { action, page: Number(params.page) || 1 }));
  const t = await getTranslations("admin");
  const tEvent = await getTranslations("audit");
  const format = await getFormatter();
  const href = (p: number) => `/admin/audit?${new URLSearchParams({ ...(action ? { action } : {}), page: String(p) })}`;

  return (
    <>
      <AdminTabs current="audit" />
      <form className="mb-3" action="/admin/audit">
        <label htmlFor="audit-action" className="form-label">
          {t("audit_filter")}
        </label>
        <div className="input-group">
          <select id="audit-action" name="action" className="form-select" defaultValue={action ?? ""}>
            <option value="">{t("audit_all")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {tEvent(a)}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-outline-secondary">
            {t("audit_show")}
          </button>
        </div>
      </form>
      <p className="small text-body-secondary">{t("audit_count", { count: list.total })}</p>
      {/* position-relative: visually-hidden labels inside must not widen the page; table-stack: one block per row on a phone. */}
      <div className="table-responsive position-relative">
        <table className="table table-stack table-sm align-middle" data-testid="admin-audit">
          <thead>
            <tr>
              <th scope="col">{t("audit_when")}</th>
              <th scope="col">{t("audit_who")}</th>
              <th scope="col">{t("audit_what")}</th>
              <th scope="col">{t("audit_target")}</th>
              <th scope="col">{t("audit_ip")}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((e) => (
              <tr key={e.id}>
                <td className="small text-nowrap" data-label={t("audit_when")}>{format.dateTime(e.createdAt, { dateStyle: "short", timeStyle: "medium" })}</td>
                <td className="text-break" dir="auto" data-label={t("audit_who")}>
                  {e.actorName || "—"}
                </td>
                <td data-label={t("audit_what")}>
                  {isAction(e.action) ? tEvent(e.action) : e.action}
                  {isDetail(e.detail) ? <span className="badge text-bg-secondary ms-1">{tEvent(`detail_${e.detail}`)}</span> : null}
                </td>
                <td className="text-break" dir="auto" data-label={t("audit_target")}>
                  {e.targetName || "—"}
                </td>
                <td className="small" data-label={t("audit_ip")}>{e.ip ?? t("audit_ip_unknown")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={list.page} pages={list.pages} href={href} label={t("pagination_audit")} />
    </>
  );
}
