import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { BotAvatar } from "@/components/chatbots/BotAvatar";
import { Markdown } from "@/components/chat/Markdown";

const STEPS = [
  { icon: "bi-grid", key: "feature_build" },
  { icon: "bi-chat-dots", key: "feature_try" },
  { icon: "bi-rocket-takeoff", key: "feature_launch" },
] as const;

const DEMO_AVATAR = { avatarIcon: "cup-hot", avatarColor: "amber" };

export default async function LandingPage() {
  const t = await getTranslations("landing");
  const user = await getSessionUser();
  return (
    <>
      <section className="hero py-5">
        <div className="container">
          <div className="row gy-4 gx-lg-5 align-items-center">
            <div className="col-lg-6">
              <h1 className="display-5 fw-bold">{t("title")}</h1>
              <p className="lead">{t("lead")}</p>
              <div className="d-flex flex-wrap gap-2 mt-4">
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
              <p className="small text-body-secondary mt-3 mb-0">
                <i className="bi bi-check-circle me-1" aria-hidden />
                {t("no_code")}
              </p>
            </div>
            <div className="col-lg-6">
              <figure className="mb-0 mx-auto landing-demo" id="demo">
                <figcaption className="visually-hidden">{t("demo_label")}</figcaption>
                <div className="chat-widget" data-testid="landing-demo">
                  <div className="chat-widget-header">
                    <BotAvatar bot={DEMO_AVATAR} />
                    <div>
                      <div className="fw-semibold">{t("demo_name")}</div>
                      <div className="small text-body-secondary">
                        <i className="bi bi-circle-fill text-success me-1 small" aria-hidden />
                        {t("demo_status")}
                      </div>
                    </div>
                  </div>
                  <div className="chat-widget-body">
                    <BotLine text={t("demo_welcome")} />
                    <div className="chat-line chat-user">{t("demo_q1")}</div>
                    <BotLine text={t("demo_a1")} />
                    <div className="chat-line chat-user">{t("demo_q2")}</div>
                    <BotLine text={t("demo_a2")} />
                  </div>
                  <div className="chat-widget-input" aria-hidden>
                    <span>…</span>
                    <i className="bi bi-send-fill" />
                  </div>
                </div>
              </figure>
            </div>
          </div>
        </div>
      </section>
      <section className="container py-5" aria-labelledby="how" id="how-it-works">
        <h2 id="how" className="h3 text-center mb-4">
          {t("features")}
        </h2>
        <ol className="row g-4 list-unstyled mb-0">
          {STEPS.map((step, i) => (
            <li className="col-md-4" key={step.key}>
              <div className="card h-100">
                <div className="card-body">
                  <div className="d-flex align-items-center gap-2 mb-2">
                    <span className="step-number" aria-hidden>
                      {i + 1}
                    </span>
                    <span className="visually-hidden">{t("step", { number: i + 1 })}</span>
                    <i className={`bi ${step.icon} fs-4 text-primary-emphasis`} aria-hidden />
                  </div>
                  <h3 className="h5">{t(`${step.key}_title`)}</h3>
                  <p className="mb-0">{t(`${step.key}_text`)}</p>
                </div>
              </div>
            </li>
          ))}
        </ol>
      </section>
      <footer className="site-footer border-top mt-4 pt-4 pb-2 bg-body-tertiary">
        <div className="container">
          <div className="row g-4">
            <div className="col-md-6">
              <div className="fw-semibold mb-1">
                <i className="bi bi-robot me-2" aria-hidden />
                ChatBot Factory
              </div>
              <p className="small text-body-secondary mb-1">{t("footer_tagline")}</p>
              <p className="small text-body-secondary">{t("footer_languages")}</p>
            </div>
            <nav className="col-6 col-md-3" aria-labelledby="footer-product">
              <h2 id="footer-product" className="h6">
                {t("footer_product")}
              </h2>
              <ul className="list-unstyled small">
                <li>
                  <a href="#how-it-works">{t("footer_how")}</a>
                </li>
                <li>
                  <a href="#demo">{t("footer_demo")}</a>
                </li>
              </ul>
            </nav>
            <nav className="col-6 col-md-3" aria-labelledby="footer-account">
              <h2 id="footer-account" className="h6">
                {t("footer_account")}
              </h2>
              <ul className="list-unstyled small">
                {user ? (
                  <li>
                    <Link href="/dashboard">{t("go_dashboard")}</Link>
                  </li>
                ) : (
                  <>
                    <li>
                      <Link href="/register">{t("footer_register")}</Link>
                    </li>
                    <li>
                      <Link href="/login">{t("footer_login")}</Link>
                    </li>
                  </>
                )}
              </ul>
            </nav>
          </div>
        </div>
      </footer>
    </>
  );
}

function BotLine({ text }: { text: string }) {
  return (
    <div className="chat-row chat-row-bot">
      <BotAvatar bot={DEMO_AVATAR} size="sm" />
      <div className="chat-line chat-assistant">
        <Markdown text={text} />
      </div>
    </div>
  );
}
