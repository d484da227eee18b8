import Link from "next/link";
import QRCode from "qrcode";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { currentSessionId } from "@/lib/auth/session";
import { describeUserAgent } from "@/lib/auth/user-agent";
import { AUDIT_ACTIONS, AUDIT_DETAILS } from "@/lib/db/audit";
import { listSecurityEvents, listSessions } from "@/lib/db/sessions";
import { twoFactorSetupSecret, twoFactorStatus } from "@/lib/db/two-factor";
import { SignOutEverywhere } from "../_components/SignOutEverywhere";
import { EndSessionButton } from "./_components/EndSessionButton";
import { TwoFactorPanel } from "./_components/TwoFactorPanel";

export async function generateMetadata() {
  return { title: (await getTranslations("twoFactor"))("security_title") };
}

const known = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

type SearchParams = Promise<{ required?: string }>;

/** The account's second factor, its live sessions and its recent security events. */
export default async function SecurityPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const [status, setup, sessionId, t, tAudit, format, params] = await Promise.all([
    twoFactorStatus(user),
    twoFactorSetupSecret(user),
    currentSessionId(),
    getTranslations("twoFactor"),
    getTranslations("audit"),
    getFormatter(),
    searchParams,
  ]);
  const [sessions, events] = await Promise.all([listSessions(user, sessionId), listSecurityEvents(user)]);
  // The QR code is drawn here, on our server, as a data: image (the CSP allows img-src data:): the secret goes to no one else.
  const qr = setup ? await QRCode.toDataURL(setup.uri, { margin: 1, width: 220, errorCorrectionLevel: "M" }) : null;

  return (
    <div className="row g-4">
      <div className="col-12">
        <h1 className="h3 mb-1">{t("security_title")}</h1>
        <p className="text-body-secondary mb-0">
          <Link href="/profile">{t("back_to_profile")}</Link>
        </p>
      </div>
      {params.required === "admin" && !status.enabled && (
        <div className="col-12">
          <div className="alert alert-warning mb-0" role="status">
            {t("admin_required")}
          </div>
        </div>
      )}
      <section className="col-12" aria-labelledby="two-factor-title">
        <div className="card">
          <div className="card-body">
            <h2 id="two-factor-title" className="h5 mb-3">
              {t("title")}
            </h2>
            <TwoFactorPanel status={status} setup={setup && qr ? { secret: setup.secret, qr } : null} />
          </div>
        </div>
      </section>
      <section className="col-12" aria-labelledby="sessions-title">
        <div className="card">
          <div className="card-body">
            <h2 id="sessions-title" className="h5 mb-3">
              {t("sessions_title")}
            </h2>
            <ul className="list-group mb-3" data-testid="session-list">
              {sessions.map((s) => {
                const { browser, os } = describeUserAgent(s.userAgent);
                const name = browser && os ? t("browser_on", { browser, os }) : (browser ?? os ?? t("unknown_browser"));
                return (
                  <li key={s.id} className="list-group-item d-flex flex-wrap align-items-center gap-2" data-testid="session">
                    <div className="flex-grow-1">
                      <div className="fw-semibold">
                        {name}
                        {s.current && <span className="badge text-bg-primary ms-2">{t("this_session")}</span>}
                      </div>
                      <div className="small text-body-secondary">
                        {s.ip ? <span className="me-2" dir="ltr">{s.ip}</span> : null}
                        {t("last_seen", { when: format.dateTime(s.lastSeenAt, { dateStyle: "medium", timeStyle: "short" }) })}
                      </div>
                    </div>
                    {!s.current && <EndSessionButton sessionId={s.id} name={name} />}
                  </li>
                );
              })}
            </ul>
            <SignOutEverywhere />
          </div>
        </div>
      </section>
      <section className="col-12" aria-labelledby="events-title">
        <div className="card">
          <div className="card-body">
            <h2 id="events-title" className="h5 mb-3">
              {t("events_title")}
            </h2>
            {events.length === 0 ? (
              <p className="text-body-secondary mb-0">{t("no_events")}</p>
            ) : (
              <ul className="list-unstyled mb-0" data-testid="security-events">
                {events.map((e) => (
                  <li key={e.id} className="py-1 border-bottom">
                    <span className="fw-semibold">{known(AUDIT_ACTIONS, e.action) ? tAudit(e.action) : e.action}</span>
                    {e.detail && known(AUDIT_DETAILS, e.detail) ? <span className="text-body-secondary"> · {tAudit(`detail_${e.detail}`)}</span> : null}
                    <span className="small text-body-secondary ms-2">
                      {format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                      {e.ip ? <span dir="ltr"> · {e.ip}</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </section>
    </div>
  );
}
