import Link from "next/link";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { AnalyticsView } from "@/components/analytics/AnalyticsView";
import { periodOf, readAnalytics } from "@/lib/db/analytics";
import { requireUser } from "@/lib/auth/guards";
import { dashboardSummary } from "@/lib/db/chatbots";
import { checklistOf } from "@/lib/db/onboarding";
import { messagesLastWeek, refusalsToday } from "@/lib/db/usage";
import { ActiveBadge } from "@/components/chatbots/ActiveBadge";
import { BotAvatar } from "@/components/chatbots/BotAvatar";
import { RefusalNotice } from "@/components/chatbots/RefusalNotice";
import { EmptyState } from "@/components/ui/EmptyState";
import { Checklist } from "./_components/Checklist";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  const user = await requireUser();
  const t = await getTranslations("dashboard");
  const format = await getFormatter();
  const period = periodOf((await searchParams).days);
  const [{ total, active, recent }, weekly, checklist, refusals, overview] = await Promise.all([
    dashboardSummary(user),
    messagesLastWeek(user),
    checklistOf(user),
    refusalsToday(user),
    readAnalytics(user, { period, timeZone: await getTimeZone() }),
  ]);
  const showChecklist = !checklist.dismissed && !Object.values(checklist.steps).every(Boolean);

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-4">
        <h1 className="h3 mb-0">{t("title")}</h1>
        <Link href="/chatbots/templates" className="btn btn-primary">
          <i className="bi bi-plus-lg me-1" aria-hidden />
          {t("new_bot")}
        </Link>
      </div>
      {refusals.map((r) => (
        <RefusalNotice key={r.chatbotId} refusals={r} botName={r.name} />
      ))}
      {showChecklist && <Checklist state={checklist} />}
      <div className="row g-3 mb-4">
        <StatCard icon="robot" label={t("bots")} value={total} testId="count-bots" />
        <StatCard icon="toggle-on" label={t("active_bots")} value={active} testId="count-active" />
        <StatCard icon="chat-text" label={t("messages_week_total")} value={Object.values(weekly).reduce((a, b) => a + b, 0)} testId="count-messages-week" />
      </div>
      {total === 0 ? (
        <EmptyState
          icon="robot"
          title={t("empty_title")}
          text={t("empty_text")}
          action={
            <Link href="/chatbots/templates" className="btn btn-primary btn-lg">
              {t("create_first")}
            </Link>
          }
        />
      ) : (
        <section aria-labelledby="your-bots">
          <div className="d-flex justify-content-between align-items-center mb-2">
            <h2 id="your-bots" className="h5 mb-0">
              {t("your_bots")}
            </h2>
            <Link href="/chatbots">{t("view_all")}</Link>
          </div>
          <ul className="row g-3 list-unstyled" data-testid="bot-cards">
            {recent.map((bot) => (
              <li key={bot.id} className="col-md-6 col-xl-4">
                <article className="card h-100 bot-card">
                  <div className="card-body d-flex flex-column gap-2">
                    <div className="d-flex align-items-start gap-3">
                      <BotAvatar bot={bot} size="lg" />
                      <div className="min-w-0 flex-grow-1">
                        <h3 className="h6 mb-1 text-break">
                          <Link href={`/chatbots/${bot.id}`} className="stretched-link bot-card-link" dir="auto">
                            {bot.name}
                          </Link>
                        </h3>
                        <ActiveBadge isActive={bot.isActive} />
                      </div>
                    </div>
                    {bot.description && <p className="small text-body-secondary mb-0 text-break bot-card-description" dir="auto">{bot.description}</p>}
                    <div className="d-flex flex-wrap justify-content-between gap-2 small mt-auto pt-2 border-top">
                      <span className="text-body-secondary" data-testid="last-activity">
                        <i className="bi bi-clock me-1" aria-hidden />
                        {t("last_activity", { when: format.relativeTime(bot.lastActivity) })}
                      </span>
                      <span data-testid={`weekly-${bot.id}`}>{t("messages_week", { count: weekly[bot.id] ?? 0 })}</span>
                    </div>
                  </div>
                </article>
              </li>
            ))}
          </ul>
        </section>
      )}
      {total > 0 && (
        <section aria-labelledby="overview" className="mt-4" data-testid="dashboard-overview">
          <h2 id="overview" className="h5">
            {t("overview")}
          </h2>
          <AnalyticsView data={overview} path="/dashboard" empty={t("overview_empty")} />
        </section>
      )}
    </>
  );
}

function StatCard({ icon, label, value, testId }: { icon: string; label: string; value: number; testId: string }) {
  return (
    <div className="col-12 col-sm-4">
      <div className="card h-100 stat-card">
        <div className="card-body d-flex align-items-center gap-3">
          <span className="stat-card-icon" aria-hidden>
            <i className={`bi bi-${icon}`} />
          </span>
          <div>
            <p className="text-body-secondary small mb-0">{label}</p>
            <p className="h3 mb-0" data-testid={testId}>
              {value}
            </p>
          </div>
        </div>
      </div>
    </div>
  );
}
