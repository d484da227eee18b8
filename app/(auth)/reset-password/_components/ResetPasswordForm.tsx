"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { resetPasswordAction } from "@/app/(auth)/actions";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";
import { PASSWORD_MIN } from "@/lib/validation/limits";

const schema = () => import("@/lib/validation/auth").then((m) => m.resetPasswordSchema);

/** The new password, posted with the link's token (in the body: never in a URL the form makes). */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const tToast = useTranslations("toast");
  const toast = useToast();
  const router = useRouter();
  const form = useZodForm(schema, { defaultValues: { token, newPassword: "", confirmNewPassword: "" } });
  const [run, isPending] = useAction(form);

  // The token leaves the address bar (and the browser's history) once the page has it.
  useEffect(() => window.history.replaceState(null, "", "/reset-password"), []);

  const onSubmit = form.handleSubmit(async (values) => {
    await run(
      () => resetPasswordAction(values),
      () => {
        toast.success(tToast("password_reset"));
        router.replace("/login");
      },
    );
  });

  return (
    <form method="post" {...form.formProps} onSubmit={onSubmit}>
      <input type="hidden" {...form.register("token")} />
      <FormField form={form} name="newPassword" label={t("newPassword")} type="password" autoComplete="new-password" hint={t("password_hint", { min: PASSWORD_MIN })} required />
      <FormField form={form} name="confirmNewPassword" label={t("confirmNewPassword")} type="password" autoComplete="new-password" required />
      <SubmitButton pending={isPending} className="w-100">
        {t("reset_submit")}
      </SubmitButton>
    </form>
  );
}
