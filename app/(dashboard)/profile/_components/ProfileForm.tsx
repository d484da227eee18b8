"use client";

import { useTranslations } from "next-intl";
import { updateProfileAction } from "@/app/(dashboard)/profile/actions";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";
import Feedback from "react-bootstrap/Feedback";
import FormGroup from "react-bootstrap/FormGroup";
import FormLabel from "react-bootstrap/FormLabel";
import FormSelect from "react-bootstrap/FormSelect";
import { LOCALES, LOCALE_NAMES } from "@/lib/i18n/locales";
import type { ProfileInput } from "@/lib/validation/profile";

const schema = () => import("@/lib/validation/profile").then((m) => m.profileSchema);

export function ProfileForm({ profile }: { profile: ProfileInput }) {
  const t = useTranslations("profile");
  const tErrors = useTranslations("errors");
  const tToast = useTranslations("toast");
  const toast = useToast();
  const form = useZodForm(schema, { defaultValues: profile });
  const [run, isPending] = useAction(form);
  const localeError = form.formState.errors.locale?.message;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => updateProfileAction(values));
    if (!result.ok) return;
    toast.success(tToast("profile_saved"));
    if (result.data?.emailChange === "pending") {
      // The address in use stays until the new one is confirmed by its link.
      form.resetField("email", { defaultValue: profile.email });
      toast.success(tToast("verification_sent"));
    }
    // The language may have changed: load the page again in it.
    if (values.locale !== profile.locale) window.location.reload();
  });

  return (
    <form {...form.formProps} onSubmit={onSubmit}>
      <div className="row">
        <div className="col-sm-6">
          <FormField form={form} name="firstName" label={t("firstName")} autoComplete="given-name" />
        </div>
        <div className="col-sm-6">
          <FormField form={form} name="lastName" label={t("lastName")} autoComplete="family-name" />
        </div>
      </div>
      <FormField form={form} name="email" label={t("email")} type="email" autoComplete="email" required />
      <FormGroup className="mb-3" controlId="field-locale">
        <FormLabel>{t("locale")}</FormLabel>
        <FormSelect {...form.register("locale")} defaultValue={profile.locale} isInvalid={!!localeError}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </FormSelect>
        <Feedback type="invalid">{localeError ? tErrors("locale_invalid") : null}</Feedback>
      </FormGroup>
      <SubmitButton pending={isPending}>{t("save")}</SubmitButton>
    </form>
  );
}
