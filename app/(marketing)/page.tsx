import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";

const FEATURES = [
  { icon: "bi-ui-checks", key: "feature_build" },
  { icon: "bi-chat-dots", key: "feature_try" },
  { icon: "bi-rocket-takeoff", key: "feature_launch" },
] as const;

export default async function LandingPage() {
  const t = await getTranslations("landing");
  const user = await getSessionUser();
  return (
    <div className="container">
      <section className="py-5 text-center">
        <i className="bi bi-robot display-3 text-primary" aria-hidden />
        <h1 className="display-5 fw-bold mt-3">{t("title")}</h1>
        <p className="lead col-lg-8 mx-auto">{t("lead")}</p>
        <div className="d-flex flex-wrap gap-2 justify-content-center mt-4">
          {user ? (
            <Link href="/dashboard" className="btn btn-primary btn-lg">
              {t("go_dashboard")}
            </Link>
          ) : (
            <>
              <Link href="/register" className="btn btn-primary btn-lg">
                {t("register")}
              </Link>
              <Link href="/login" className="btn btn-outline-secondary btn-lg">
                {t("login")}
              </Link>
            </>
          )}
        </div>
      </section>
      <section className="row g-4 pb-5" aria-label={t("features")}>
        {FEATURES.map((f) => (
          <div className="col-md-4" key={f.key}>
            <div className="card h-100">
              <div className="card-body">
                <i className={`bi ${f.icon} fs-2 text-primary`} aria-hidden />
                <h2 className="h5 mt-2">{t(`${f.key}_title`)}</h2>
                <p className="mb-0">{t(`${f.key}_text`)}</p>
              </div>
            </div>
          </div>
        ))}
      </section>
    </div>
  );
}
