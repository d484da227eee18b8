"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import FormCheck from "react-bootstrap/FormCheck";
import { verifyLoginAction } from "@/app/(auth)/actions";
import { FormError } from "@/components/ui/FormError";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";

const schema = () => import("@/lib/validation/auth").then((m) => m.loginCodeSchema);

export function VerifyForm() {
  const t = useTranslations("twoFactor");
  const form = useZodForm(schema, { defaultValues: { code: "", rememberBrowser: false } });
  const [run, isPending, error] = useAction(form, { inline: true });
  const router = useRouter();

  // A pending login that ran out says so under the form; the page's link leads back to the password.
  const onSubmit = form.handleSubmit((values) =>
    run(
      () => verifyLoginAction(values),
      () => {
        router.replace("/dashboard");
        router.refresh();
      },
    ),
  );

  return (
    <form method="post" {...form.formProps} onSubmit={onSubmit}>
      <FormField form={form} name="code" label={t("code")} autoComplete="one-time-code" hint={t("code_hint")} required />
      <FormCheck className="mb-3" id="field-rememberBrowser" label={t("remember_browser")} {...form.register("rememberBrowser")} />
      <SubmitButton pending={isPending} className="w-100">
        {t("verify_submit")}
      </SubmitButton>
      <FormError error={error} />
    </form>
  );
}
