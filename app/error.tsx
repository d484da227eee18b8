"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

// Production shows this, never the error itself; the server log has the details.
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <div className="container text-center py-5" role="alert">
      <i className="bi bi-exclamation-octagon display-4 text-danger" aria-hidden />
      <h1 className="h3 mt-3">{t("error_title")}</h1>
      <p>{t("error_text")}</p>
      <div className="d-flex gap-2 justify-content-center">
        <button type="button" className="btn btn-primary" onClick={reset}>
          {t("retry")}
        </button>
        <Link href="/" className="btn btn-outline-secondary">
          {t("home")}
        </Link>
      </div>
    </div>
  );
}
