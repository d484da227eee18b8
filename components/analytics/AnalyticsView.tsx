import type { ComponentProps, ReactNode } from "react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PERIODS, type Analytics } from "@/lib/db/analytics";
import { Chart, type Series } from "./Chart";

type Props = {
  data: Analytics;
  /** The page the period links go to (its own path). */
  path: string;
  /** Said when there is nothing to show yet: where activity would come from. */
  empty: ReactNode;
};

/**
 * A bot's analytics, or the dashboard's over all the owner's bots: figures, charts each with a
 * table of the same numbers, top questions, and tokens with an estimated cost.
 */
export async function AnalyticsView({ data, path, empty }: Props) {
  const t = await getTranslations("analytics");
  const format = await getFormatter();
  const n = (value: number) => format.number(value);
  const { totals } = data;
  const share = (part: number, whole: number) => (whole ? format.number(part / whole, { style: "percent", maximumFractionDigits: 0 }) : "–");
  const ms = (value: number | null) => (value === null ? "–" : value < 1000 ? t("ms", { value: n(value) }) : t("seconds", { value: format.number(value / 1000, { maximumFractionDigits: 1 }) }));
  // A local date as the viewer reads it; noon UTC keeps it on its own day in any zone.
  const dayLabel = (date: string) => format.dateTime(new Date(`${date}T12:00:00Z`), { month: "short", day: "numeric", timeZone: "UTC" });
  const labels = data.days.map((d) => dayLabel(d.date));
  const daily: Series[] = [
    { label: t("conversations"), data: data.days.map((d) => d.conversations), color: "primary" },
    { label: t("messages"), data: data.days.map((d) => d.messages), color: "info" },
  ];
  const channelLabels = data.channels.map((c) => t(`channel_${c.channel}`));
  const byChannel: Series[] = [
    { label: t("conversations"), data: data.channels.map((c) => c.conversations), color: "primary" },
    { label: t("messages"), data: data.channels.map((c) => c.messages), color: "info" },
  ];
  const answers = [
    { key: "answered", value: totals.answered },
    { key: "fell_back", value: totals.fallbacks },
    { key: "failed", value: totals.failures },
  ] as const;
  const answerSeries: Series[] = [{ label: t("replies"), data: answers.map((a) => a.value), color: ["success", "warning", "danger"] }];

  return (
    <div className="analytics" data-testid="analytics">
      <nav aria-label={t("period")} className="mb-3">
        <ul className="nav nav-pills gap-1">
          {PERIODS.map((days) => (
            <li className="nav-item" key={days}>
              <Link className={`nav-link${days === data.period ? " active" : ""}`} aria-current={days === data.period ? "page" : undefined} href={`${path}?days=${days}`} scroll={false}>
                {t("last_days", { days })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="small text-body-secondary">{t("time_zone", { zone: data.timeZone })}</p>

      {totals.questions === 0 && totals.conversations === 0 ? (
        <div className="card" data-testid="analytics-empty">
          <div className="card-body text-center py-5">
            <p className="h6">{t("empty_title")}</p>
            <p className="text-body-secondary mb-0">{empty}</p>
          </div>
        </div>
      ) : (
        <>
          <div className="row g-3 mb-4 analytics-figures" data-testid="analytics-figures">
            <Figure label={t("conversations")} value={n(totals.conversations)} testId="figure-conversations" />
            <Figure label={t("messages")} value={n(totals.messages)} testId="figure-messages" />
            <Figure label={t("visitors")} value={n(totals.visitors)} hint={t("visitors_hint")} testId="figure-visitors" />
            <Figure label={t("answered_share")} value={share(totals.answered, totals.replies)} hint={t("answered_hint", { answered: n(totals.answered), replies: n(totals.replies) })} testId="figure-answered" />
            <Figure
              label={t("ratings")}
              value={
                <>
                  <i className="bi bi-hand-thumbs-up me-1" aria-hidden />
                  <span className="visually-hidden">{t("thumbs_up")} </span>
                  {n(totals.ratingsUp)}
                  <i className="bi bi-hand-thumbs-down ms-3 me-1" aria-hidden />
                  <span className="visually-hidden">{t("thumbs_down")} </span>
                  {n(totals.ratingsDown)}
                </>
              }
              testId="figure-ratings"
            />
            <Figure label={t("latency")} value={`${ms(data.latency.median)} · ${ms(data.latency.p95)}`} hint={t("latency_hint")} testId="figure-latency" />
          </div>

          <ChartCard
            name="daily"
            className="mb-4"
            title={t("per_day")}
            chart={{ type: "line", labels, series: daily }}
            table={{ head: [t("day"), t("conversations"), t("messages"), t("answered"), t("fell_back")], rows: data.days.map((d) => [dayLabel(d.date), n(d.conversations), n(d.messages), n(d.replies - d.fallbacks - d.failures), n(d.fallbacks)]) }}
            show={t("show_table")}
          />
          <div className="row g-3 mb-4">
            <ChartCard
              name="channels"
              className="col-lg-7"
              title={t("by_channel")}
              chart={{ type: "bar", labels: channelLabels, series: byChannel }}
              table={{ head: [t("channel"), t("conversations"), t("messages")], rows: data.channels.map((c, i) => [channelLabels[i], n(c.conversations), n(c.messages)]) }}
              show={t("show_table")}
            />
            <ChartCard
              name="answers"
              className="col-lg-5"
              title={t("answers")}
              chart={{ type: "doughnut", labels: answers.map((a) => t(a.key)), series: answerSeries }}
              table={{ head: [t("reply_kind"), t("replies")], rows: answers.map((a) => [t(a.key), n(a.value)]) }}
              show={t("show_table")}
            />
          </div>

          <div className="row g-3">
            <section className="col-lg-6" aria-labelledby="top-questions">
              <div className="card h-100">
                <div className="card-body">
                  <h3 id="top-questions" className="h6">
                    {t("top_questions")}
                  </h3>
                  {data.topQuestions.length ? (
                    <ol className="mb-0" data-testid="top-questions">
                      {data.topQuestions.map((q) => (
                        <li key={q.text} className="text-break">
                          <bdi>{q.text}</bdi> <span className="text-body-secondary small">· {t("asked", { count: q.count })}</span>
                        </li>
                      ))}
                    </ol>
                  ) : (
                    <p className="text-body-secondary mb-0">{t("no_questions")}</p>
                  )}
                  <p className="small text-body-secondary mt-2 mb-0">{t("top_questions_hint")}</p>
                </div>
              </div>
            </section>
            <section className="col-lg-6" aria-labelledby="tokens">
              <div className="card h-100">
                <div className="card-body">
                  <h3 id="tokens" className="h6">
                    {t("tokens")}
                  </h3>
                  <div className="table-responsive" tabIndex={0} role="region" aria-labelledby="tokens">
                    <table className="table table-sm mb-0" data-testid="table-models">
                      <thead>
                        <tr>
                          <th scope="col">{t("model")}</th>
                          <th scope="col" className="text-end">{t("replies")}</th>
                          <th scope="col" className="text-end">{t("tokens_in")}</th>
                          <th scope="col" className="text-end">{t("tokens_out")}</th>
                          <th scope="col" className="text-end">{t("cost")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {data.models.map((m) => (
                          <tr key={`${m.provider}/${m.model}`}>
                            <th scope="row" className="fw-normal text-break">
                              <bdi>{m.provider === "builtin" ? t("builtin") : `${m.provider} · ${m.model}`}</bdi>
                            </th>
                            <td className="text-end">{n(m.replies)}</td>
                            <td className="text-end">{n(m.inputTokens)}</td>
                            <td className="text-end">{n(m.outputTokens)}</td>
                            <td className="text-end">{m.cost === null ? t("price_unknown") : format.number(m.cost, { style: "currency", currency: "USD", maximumFractionDigits: m.cost < 1 ? 4 : 2 })}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  <p className="small text-body-secondary mt-2 mb-0">{t("cost_hint")}</p>
                </div>
              </div>
            </section>
          </div>
        </>
      )}
    </div>
  );
}

function Figure({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: string; testId: string }) {
  return (
    <div className="col-6 col-md-4 col-xl-2">
      <div className="card h-100">
        <div className="card-body">
          <p className="small text-body-secondary mb-1">{label}</p>
          <p className="h4 mb-0" data-testid={testId}>
            {value}
          </p>
          {hint && <p className="small text-body-secondary mb-0 mt-1">{hint}</p>}
        </div>
      </div>
    </div>
  );
}

/** A chart in a card with its figures as a table; `name` keys its heading and test ids. */
function ChartCard({ name, className, title, chart, table, show }: { name: string; className: string; title: string; chart: Omit<ComponentProps<typeof Chart>, "testId">; table: { head: string[]; rows: string[][] }; show: string }) {
  return (
    <section className={className} aria-labelledby={`chart-${name}`}>
      <div className="card h-100">
        <div className="card-body">
          <h3 id={`chart-${name}`} className="h6">
            {title}
          </h3>
          <Chart {...chart} testId={`chart-${name}`} />
          <FiguresTable caption={title} head={table.head} rows={table.rows} testId={`table-${name}`} show={show} />
        </div>
      </div>
    </section>
  );
}

/** The chart's numbers as a table: what a screen reader reads, and anyone who opens it. */
function FiguresTable({ caption, head, rows, testId, show }: { caption: string; head: string[]; rows: string[][]; testId: string; show: string }) {
  return (
    <details className="mt-2">
      <summary className="small">{show}</summary>
      {/* Focusable: on a phone the table may scroll sideways, and a keyboard must reach it. */}
      <div className="table-responsive" tabIndex={0} role="region" aria-label={caption}>
        <table className="table table-sm mb-0" data-testid={testId}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {head.map((h, i) => (
                <th key={h} scope="col" className={i ? "text-end" : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row[0]}>
                <th scope="row" className="fw-normal">
                  {row[0]}
                </th>
                {row.slice(1).map((cell, i) => (
                  <td key={i} className="text-end">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
