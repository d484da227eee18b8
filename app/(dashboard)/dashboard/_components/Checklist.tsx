import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Checklist as ChecklistState } from "@/lib/db/onboarding";
import { DismissChecklist } from "./DismissChecklist";

const STEPS = ["create", "knowledge", "try", "launch"] as const;

function hrefOf(step: (typeof STEPS)[number], botId: string | null) {
  if (step === "create") return "/chatbots/templates";
  if (!botId) return null;
  return step === "knowledge" ? `/chatbots/${botId}/knowledge` : `/chatbots/${botId}`;
}

/** Four steps from sign-up to a working bot, ticked by what the account has done. */
export async function Checklist({ state }: { state: ChecklistState }) {
  const t = await getTranslations("dashboard");
  const done = STEPS.filter((s) => state.steps[s]).length;
  const next = STEPS.find((s) => !state.steps[s]);
  return (
    <section className="card checklist mb-4" aria-labelledby="checklist-title" data-testid="checklist">
      <div className="card-body">
        <div className="d-flex justify-content-between align-items-start gap-2 mb-3">
          <div>
            <h2 id="checklist-title" className="h5 mb-1">
              {t("checklist_title")}
            </h2>
            <p className="small text-body-secondary mb-0">{t("checklist_progress", { done, total: STEPS.length })}</p>
          </div>
          <DismissChecklist />
        </div>
        <div className="progress mb-3" role="presentation" style={{ height: "0.375rem" }}>
          <div className="progress-bar" style={{ width: `${(done / STEPS.length) * 100}%` }} />
        </div>
        <ol className="list-unstyled row g-2 mb-0">
          {STEPS.map((step) => {
            const ticked = state.steps[step];
            const href = hrefOf(step, state.botId);
            const title = t(`step_${step}`);
            return (
              <li key={step} className={`col-sm-6 col-xl-3 checklist-step ${ticked ? "is-done" : ""} ${step === next ? "is-next" : ""}`} data-testid={`step-${step}`} data-done={ticked}>
                <div className="d-flex gap-2 h-100 p-2 rounded checklist-step-inner">
                  <i className={`bi ${ticked ? "bi-check-circle-fill text-success" : "bi-circle text-body-secondary"} fs-5`} aria-hidden />
                  <div className="min-w-0">
                    <div className="fw-semibold">
                      {href && !ticked ? <Link href={href}>{title}</Link> : title}
                      <span className="visually-hidden"> ({ticked ? t("step_done") : t("step_todo")})</span>
                    </div>
                    <div className="small text-body-secondary">{t(`step_${step}_text`)}</div>
                  </div>
                </div>
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}
