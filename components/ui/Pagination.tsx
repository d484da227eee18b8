import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Previous / page x of y / next, as links, hidden when there is one page. */
export async function Pagination({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: string }) {
  const t = await getTranslations("chatbots");
  if (pages <= 1) return null;
  return (
    <nav aria-label={label}>
      <ul className="pagination flex-wrap">
        <li className={`page-item ${page <= 1 ? "disabled" : ""}`}>
          {page <= 1 ? <span className="page-link">{t("previous")}</span> : <Link className="page-link" href={href(page - 1)}>{t("previous")}</Link>}
        </li>
        <li className="page-item active" aria-current="page">
          <span className="page-link">{t("page_of", { page, pages })}</span>
        </li>
        <li className={`page-item ${page >= pages ? "disabled" : ""}`}>
          {page >= pages ? <span className="page-link">{t("next")}</span> : <Link className="page-link" href={href(page + 1)}>{t("next")}</Link>}
        </li>
      </ul>
    </nav>
  );
}
