"use client";

import { useEffect, useRef } from "react";
import { useLocale } from "next-intl";
import { isRtl } from "@/lib/i18n/locales";

type Colour = "primary" | "info" | "success" | "warning" | "danger" | "secondary";
/** One line or set of bars; a doughnut's one series names a colour per slice. */
export type Series = { label: string; data: number[]; color: Colour | Colour[] };

type Props = {
  type: "line" | "bar" | "doughnut";
  labels: string[];
  series: Series[];
  /** Stacks bar series on each other. */
  stacked?: boolean;
  testId?: string;
};

/** A theme colour as the page draws it now (dark or light), from Bootstrap's variables. */
const cssColor = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(`--bs-${name}`).trim();

/**
 * A Chart.js chart on a canvas. Chart.js sets sizes through the style object (CSSOM), which a
 * nonce CSP without 'unsafe-inline' allows, and injects no stylesheet. It loads only when a chart
 * is on the page, and redraws in the theme's colours when the theme changes. The canvas is hidden
 * from assistive technology: every chart has a table beside it (AnalyticsTable).
 */
export function Chart({ type, labels, series, stacked, testId }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const locale = useLocale();

  useEffect(() => {
    let cancelled = false;
    let chart: import("chart.js").Chart | undefined;
    let observer: MutationObserver | undefined;
    void import("chart.js/auto").then(({ default: ChartJs }) => {
      if (cancelled || !canvas.current) return;
      const rtl = isRtl(locale);
      const text = cssColor("body-color");
      const grid = cssColor("border-color");
      const colourOf = (s: Series) => (Array.isArray(s.color) ? s.color.map(cssColor) : cssColor(s.color));
      const colours = series.map(colourOf);
      chart = new ChartJs(canvas.current, {
        type,
        data: {
          labels,
          datasets: series.map((s, i) => ({
            label: s.label,
            data: s.data,
            borderColor: type === "doughnut" ? cssColor("body-bg") : colours[i],
            backgroundColor: colours[i],
            tension: 0.25,
            pointRadius: labels.length > 31 ? 0 : 3,
          })),
        },
        options: {
          locale,
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { rtl, labels: { color: text } }, tooltip: { rtl } },
          scales:
            type === "doughnut"
              ? {}
              : {
                  x: { reverse: rtl, stacked, ticks: { color: text, maxRotation: 0, autoSkip: true }, grid: { color: grid } },
                  y: { position: rtl ? "right" : "left", stacked, beginAtZero: true, ticks: { color: text, precision: 0 }, grid: { color: grid } },
                },
        },
      });
      // The theme switch changes Bootstrap's variables: draw again in the new colours.
      observer = new MutationObserver(() => {
        if (!chart) return;
        const now = { text: cssColor("body-color"), grid: cssColor("border-color") };
        const fresh = series.map(colourOf);
        chart.data.datasets.forEach((d, i) => {
          d.backgroundColor = fresh[i];
          d.borderColor = type === "doughnut" ? cssColor("body-bg") : fresh[i];
        });
        const legend = chart.options.plugins?.legend?.labels;
        if (legend) legend.color = now.text;
        for (const axis of Object.values(chart.options.scales ?? {})) {
          if (!axis) continue;
          if (axis.ticks) axis.ticks.color = now.text;
          if (axis.grid) axis.grid.color = now.grid;
        }
        chart.update();
      });
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-bs-theme"] });
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [type, labels, series, stacked, locale]);

  return (
    <div className={`analytics-chart analytics-chart-${type}`} data-testid={testId}>
      <canvas ref={canvas} aria-hidden="true" />
    </div>
  );
}
