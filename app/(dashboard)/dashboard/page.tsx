import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { dashboardSummary } from "@/lib/db/chatbots";
import { messagesLastWeek } from "@/lib/db/conversations";
import { ActiveBadge } from "@/components/chatbots/ActiveBadge";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage() {
  const user = await requireUser();
  const t = await getTranslations("dashboard");
  const format = await getFormatter();
  const [{ total, active, recent }, weekly] = await Promise.all([dashboardSummary(user), messagesLastWeek(user)]);

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-4">
        <h1 className="h3 mb-0">{t("title")}</h1>
        <Link href="/chatbots/new" className="btn btn-primary">
          <i className="bi bi-plus-lg me-1" aria-hidden />
          {t("new_bot")}
        </Link>
      </div>
      <div className="row g-3 mb-4">
        <StatCard label={t("bots")} value={total} testId="count-bots" />
        <StatCard label={t("active_bots")} value={active} testId="count-active" />
        <StatCard label={t("messages_week_total")} value={Object.values(weekly).reduce((a, b) => a + b, 0)} testId="count-messages-week" />
      </div>
      {total === 0 ? (
        <div className="card text-center">
          <div className="card-body py-5">
            <i className="bi bi-robot display-4 text-primary" aria-hidden />
            <h2 className="h4 mt-3">{t("empty_title")}</h2>
            <p>{t("empty_text")}</p>
            <Link href="/chatbots/new" className="btn btn-primary btn-lg">
              {t("create_first")}
            </Link>
          </div>
        </div>
      ) : (
        <section>
          <div className="d-flex justify-content-between align-items-center mb-2">
            <h2 className="h5 mb-0">{t("recent")}</h2>
            <Link href="/chatbots">{t("view_all")}</Link>
          </div>
          <ul className="list-group">
            {recent.map((bot) => (
              <li key={bot.id} className="list-group-item d-flex justify-content-between align-items-center gap-2">
                <div className="min-w-0">
                  <Link href={`/chatbots/${bot.id}`} className="fw-semibold text-break" dir="auto">
                    {bot.name}
                  </Link>
                  <div className="small text-body-secondary">
                    {t("updated", { when: format.relativeTime(bot.updatedAt) })} ·{" "}
                    <span data-testid={`weekly-${bot.id}`}>{t("messages_week", { count: weekly[bot.id] ?? 0 })}</span>
                  </div>
                </div>
                <ActiveBadge isActive={bot.isActive} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function StatCard({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="col-6 col-md-4">
      <div className="card h-100">
        <div className="card-body">
          <p className="text-body-secondary mb-1">{label}</p>
          <p className="display-6 mb-0" data-testid={testId}>
            {value}
          </p>
        </div>
      </div>
    </div>
  );
}
