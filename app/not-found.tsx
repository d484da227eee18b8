import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errorPage");
  return (
    <div className="container text-center py-5">
      <i className="bi bi-signpost-split display-4 text-body-secondary" aria-hidden />
      <h1 className="h3 mt-3">{t("not_found_title")}</h1>
      <p>{t("not_found_text")}</p>
      <Link href="/" className="btn btn-primary">
        {t("home")}
      </Link>
    </div>
  );
}
