"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { forgotPasswordAction } from "@/app/(auth)/actions";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";

const schema = () => import("@/lib/validation/auth").then((m) => m.forgotPasswordSchema);

/** Asks for a reset link; the answer is the same whether an account has the address or not. */
export function ForgotPasswordForm({ minutes }: { minutes: number }) {
  const t = useTranslations("auth");
  const form = useZodForm(schema, { defaultValues: { email: "" } });
  const [run, isPending] = useAction(form);
  const [sent, setSent] = useState(false);

  const onSubmit = form.handleSubmit(async (values) => {
    await run(
      () => forgotPasswordAction(values),
      () => setSent(true),
    );
  });

  if (sent) {
    return (
      <div className="alert alert-success mb-0" role="status" data-testid="forgot-sent">
        {t("forgot_sent", { minutes })}
      </div>
    );
  }
  return (
    <form method="post" {...form.formProps} onSubmit={onSubmit}>
      <p className="text-body-secondary">{t("forgot_intro")}</p>
      <FormField form={form} name="email" label={t("email")} type="email" autoComplete="email" required />
      <SubmitButton pending={isPending} className="w-100">
        {t("forgot_submit")}
      </SubmitButton>
    </form>
  );
}
