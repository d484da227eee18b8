"use client";

import { useTranslations } from "next-intl";
import { changePasswordAction } from "@/app/(dashboard)/profile/actions";
import { FormError } from "@/components/ui/FormError";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";
import { PASSWORD_MIN } from "@/lib/validation/limits";

const schema = () => import("@/lib/validation/profile").then((m) => m.passwordChangeSchema);

const empty = { currentPassword: "", newPassword: "", confirmNewPassword: "" };

export function PasswordForm() {
  const t = useTranslations("profile");
  const tAuth = useTranslations("auth");
  const tToast = useTranslations("toast");
  const toast = useToast();
  const form = useZodForm(schema, { defaultValues: empty });
  const [run, isPending, error] = useAction(form, { inline: true });

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => changePasswordAction(values));
    if (!result.ok) return;
    form.reset(empty);
    toast.success(tToast("password_changed"));
  });

  return (
    // method="post": a submit before the page is interactive must never put a password in a URL.
    <form method="post" {...form.formProps} onSubmit={onSubmit}>
      <FormField form={form} name="currentPassword" label={t("currentPassword")} type="password" autoComplete="current-password" required />
      <FormField form={form} name="newPassword" label={t("newPassword")} type="password" autoComplete="new-password" hint={tAuth("password_hint", { min: PASSWORD_MIN })} required />
      <FormField form={form} name="confirmNewPassword" label={t("confirmNewPassword")} type="password" autoComplete="new-password" required />
      <SubmitButton pending={isPending}>{t("change_password")}</SubmitButton>
      <FormError error={error} />
    </form>
  );
}
