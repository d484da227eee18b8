"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionResult } from "@/components/ui/useActionResult";
import { dismissChecklistAction } from "../actions";

export function DismissChecklist() {
  const t = useTranslations("dashboard");
  const router = useRouter();
  const run = useActionResult();
  const [pending, setPending] = useState(false);

  async function dismiss() {
    setPending(true);
    const result = await run(() => dismissChecklistAction());
    if (result.ok) router.refresh();
    else setPending(false);
  }

  return (
    <button type="button" className="btn-close" aria-label={t("checklist_dismiss")} title={t("checklist_dismiss")} onClick={dismiss} disabled={pending} />
  );
}
