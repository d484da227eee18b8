import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";

const TABS = [
  { key: "users", href: "/admin", icon: "bi-people" },
  { key: "bots", href: "/admin/bots", icon: "bi-robot" },
  { key: "audit", href: "/admin/audit", icon: "bi-journal-text" },
  { key: "mail", href: "/admin/mail", icon: "bi-envelope" },
] as const;

/** The admin panel's title and sections. */
export async function AdminTabs({ current }: { current: (typeof TABS)[number]["key"] }) {
  const t = await getTranslations("admin");
  return (
    <>
      <h1 className="h3 mb-3">{t("panel")}</h1>
      <ul className="nav nav-tabs mb-3">
        {TABS.map((tab) => (
          <li className="nav-item" key={tab.key}>
            <Link className={`nav-link ${tab.key === current ? "active" : ""}`} aria-current={tab.key === current ? "page" : undefined} href={tab.href}>
              <i className={`bi ${tab.icon} me-1`} aria-hidden="true" />
              {t(`tab_${tab.key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Admin data for a page, or that page's 404 for anyone who is not an admin right now. */
export async function adminOnly<T>(load: Promise<T>): Promise<T> {
  return load.catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
}
