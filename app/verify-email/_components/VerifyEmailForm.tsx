"use client";

import { useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useAction } from "@/components/ui/useAction";
import { verifyEmailAction } from "../actions";

export function VerifyEmailForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const [run, isPending] = useAction();
  const [outcome, setOutcome] = useState<"verified" | "changed" | "invalid" | null>(null);

  async function confirm(event: React.FormEvent) {
    event.preventDefault();
    const result = await run(() => verifyEmailAction({ token }), (data) => setOutcome(data.outcome));
    if (!result.ok && (result.code === "verify_link_invalid" || result.code === "invalid_data")) setOutcome("invalid");
  }

  if (outcome === "verified" || outcome === "changed") {
    return (
      <>
        <div className="alert alert-success" role="status" data-testid="verify-done">
          {t(outcome === "verified" ? "verify_done" : "verify_changed")}
        </div>
        <Link className="btn btn-primary w-100" href="/dashboard">
          {t("go_on")}
        </Link>
      </>
    );
  }
  if (outcome === "invalid" || !token) {
    return (
      <div className="alert alert-warning mb-0" role="alert" data-testid="verify-invalid">
        {t("verify_invalid")}
      </div>
    );
  }
  return (
    <form method="post" onSubmit={confirm}>
      <p className="text-body-secondary">{t("verify_intro")}</p>
      <SubmitButton pending={isPending} className="w-100">
        {t("verify_submit")}
      </SubmitButton>
    </form>
  );
}
