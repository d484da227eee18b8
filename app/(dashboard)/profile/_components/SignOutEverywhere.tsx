"use client";

import { useTranslations } from "next-intl";
import { signOutEverywhereAction } from "@/app/(dashboard)/profile/actions";

export function SignOutEverywhere() {
  const t = useTranslations("profile");
  return (
    <form action={async () => void (await signOutEverywhereAction())}>
      <p className="small text-body-secondary">{t("sessions_text")}</p>
      <button type="submit" className="btn btn-outline-danger">
        <i className="bi bi-box-arrow-right me-1" aria-hidden />
        {t("sign_out_everywhere")}
      </button>
    </form>
  );
}
