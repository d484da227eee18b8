"use client";

import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import { resendVerificationAction } from "@/app/(dashboard)/profile/actions";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";

/** "Send the link again": the address verification mail, limited per user (the profile and the Channels tab). */
export function ResendVerification() {
  const t = useTranslations("profile");
  const tToast = useTranslations("toast");
  const toast = useToast();
  const [run, isPending] = useAction();
  return (
    <Button
      variant="outline-primary"
      size="sm"
      disabled={isPending}
      onClick={() => run(() => resendVerificationAction(), () => toast.success(tToast("verification_sent")))}
      data-testid="resend-verification"
    >
      {t("resend_verification")}
    </Button>
  );
}
