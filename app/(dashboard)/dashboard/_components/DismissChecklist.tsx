"use client";

import { useTranslations } from "next-intl";
import { useAction } from "@/components/ui/useAction";
import { dismissChecklistAction } from "../actions";

export function DismissChecklist() {
  const t = useTranslations("dashboard");
  const [run, pending] = useAction();
  // The action revalidates the dashboard, which then draws no checklist.
  return (
    <button type="button" className="btn-close" aria-label={t("checklist_dismiss")} title={t("checklist_dismiss")} onClick={() => run(() => dismissChecklistAction())} disabled={pending} />
  );
}
