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
  testId?: string;
};

/** A theme colour as the page draws it now (dark or light), from Bootstrap's variables. */
const cssColor = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(`--bs-${name}`).trim();

/**
 * A Chart.js chart on a canvas. Chart.js sets sizes through the style object (CSSOM), which a
 * nonce CSP without 'unsafe-inline' allows, and injects no stylesheet. It loads only when a chart
 * is on the page, and redraws in the theme's colours when the theme changes. The canvas is hidden
 * from assistive technology: every chart has a table of its figures beside it (AnalyticsView).
 */
export function Chart({ type, labels, series, testId }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const locale = useLocale();

  useEffect(() => {
    let cancelled = false;
    let chart: import("chart.js").Chart | undefined;
    let observer: MutationObserver | undefined;
    void import("chart.js/auto").then(({ default: ChartJs }) => {
      if (cancelled || !canvas.current) return;
      const rtl = isRtl(locale);
      const made = new ChartJs(canvas.current, {
        type,
        data: { labels, datasets: series.map((s) => ({ label: s.label, data: s.data, tension: 0.25, pointRadius: labels.length > 31 ? 0 : 3 })) },
        options: {
          locale,
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { rtl, labels: {} }, tooltip: { rtl } },
          scales:
            type === "doughnut"
              ? {}
              : {
                  x: { reverse: rtl, ticks: { maxRotation: 0, autoSkip: true }, grid: {} },
                  y: { position: rtl ? "right" : "left", beginAtZero: true, ticks: { precision: 0 }, grid: {} },
                },
        },
      });
      chart = made;
      // Colours come from the theme: set now, and again when the theme switch changes Bootstrap's variables.
      const paint = () => {
        const text = cssColor("body-color");
        const grid = cssColor("border-color");
        made.data.datasets.forEach((d, i) => {
          const colour = series[i].color;
          d.backgroundColor = Array.isArray(colour) ? colour.map(cssColor) : cssColor(colour);
          d.borderColor = type === "doughnut" ? cssColor("body-bg") : d.backgroundColor;
        });
        made.options.plugins!.legend!.labels!.color = text;
        for (const axis of Object.values(made.options.scales ?? {})) {
          if (axis?.ticks) axis.ticks.color = text;
          if (axis?.grid) axis.grid.color = grid;
        }
        made.update();
      };
      paint();
      observer = new MutationObserver(paint);
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-bs-theme"] });
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [type, labels, series, locale]);

  return (
    <div className={`analytics-chart analytics-chart-${type}`} data-testid={testId}>
      <canvas ref={canvas} aria-hidden="true" />
    </div>
  );
}
