"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { loginAction } from "@/app/(auth)/actions";
import FormCheck from "react-bootstrap/FormCheck";
import { FormError } from "@/components/ui/FormError";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";

const schema = () => import("@/lib/validation/auth").then((m) => m.loginSchema);

export function LoginForm() {
  const t = useTranslations("auth");
  const form = useZodForm(schema, { defaultValues: { identifier: "", password: "", remember: false } });
  const [run, isPending, error] = useAction(form, { inline: true });
  const router = useRouter();

  const onSubmit = form.handleSubmit(async (values) => {
    await run(
      () => loginAction(values),
      ({ verify }) => {
        // The password was right and the account asks for a code: the second step, no session yet.
        if (verify) return router.push("/login/verify");
        // refresh() too: the navbar and the language (which the profile may set) live in the root layout.
        router.replace("/dashboard");
        router.refresh();
      },
    );
  });

  return (
    // method="post": a submit before the page is interactive must never put the password in a URL.
    <form method="post" {...form.formProps} onSubmit={onSubmit}>
      <FormField form={form} name="identifier" label={t("identifier")} autoComplete="username" required />
      <FormField form={form} name="password" label={t("password")} type="password" autoComplete="current-password" required />
      <FormCheck className="mb-3" id="field-remember" label={t("remember")} {...form.register("remember")} />
      <SubmitButton pending={isPending} className="w-100">
        {t("login_submit")}
      </SubmitButton>
      <FormError error={error} />
    </form>
  );
}
