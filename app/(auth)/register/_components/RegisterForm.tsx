"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { registerAction } from "@/app/(auth)/actions";
import { FormError } from "@/components/ui/FormError";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";
import { PASSWORD_MIN } from "@/lib/validation/limits";

const schema = () => import("@/lib/validation/auth").then((m) => m.registerSchema);

export function RegisterForm() {
  const t = useTranslations("auth");
  const form = useZodForm(schema, { defaultValues: { username: "", email: "", password: "", confirmPassword: "", firstName: "", lastName: "" } });
  const [run, isPending, error] = useAction(form, { inline: true });
  const router = useRouter();
  const onSubmit = form.handleSubmit(async (values) => {
    await run(
      () => registerAction(values),
      () => {
        router.replace("/dashboard");
        router.refresh();
      },
    );
  });

  return (
    // method="post": a submit before the page is interactive must never put the password in a URL.
    <form method="post" {...form.formProps} onSubmit={onSubmit}>
      <FormField form={form} name="username" label={t("username")} autoComplete="username" hint={t("username_hint")} required />
      <FormField form={form} name="email" label={t("email")} type="email" autoComplete="email" required />
      <FormField form={form} name="password" label={t("password")} type="password" autoComplete="new-password" hint={t("password_hint", { min: PASSWORD_MIN })} required />
      <FormField form={form} name="confirmPassword" label={t("confirmPassword")} type="password" autoComplete="new-password" required />
      <div className="row">
        <div className="col-sm-6">
          <FormField form={form} name="firstName" label={t("firstName")} autoComplete="given-name" />
        </div>
        <div className="col-sm-6">
          <FormField form={form} name="lastName" label={t("lastName")} autoComplete="family-name" />
        </div>
      </div>
      <SubmitButton pending={isPending} className="w-100">
        {t("register_submit")}
      </SubmitButton>
      <FormError error={error} />
    </form>
  );
}
