"use client";

import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import Form from "react-bootstrap/Form";
import Row from "react-bootstrap/Row";
import Col from "react-bootstrap/Col";
import type { z } from "zod";
import { updateProfileAction } from "@/app/(dashboard)/profile/actions";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { LOCALES, LOCALE_NAMES } from "@/lib/i18n/locales";
import { profileSchema, type ProfileInput } from "@/lib/validation/profile";

export function ProfileForm({ profile }: { profile: ProfileInput }) {
  const t = useTranslations("profile");
  const tErrors = useTranslations("errors");
  const tToast = useTranslations("toast");
  const toast = useToast();
  const form = useForm<ProfileInput, unknown, z.output<typeof profileSchema>>({
    resolver: zodResolver(profileSchema),
    defaultValues: profile,
  });
  const [run, isPending] = useAction(form);
  const localeError = form.formState.errors.locale?.message;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => updateProfileAction(values));
    if (!result.ok) return;
    toast.success(tToast("profile_saved"));
    // The language may have changed: load the page again in it.
    if (values.locale !== profile.locale) window.location.reload();
  });

  return (
    <Form noValidate onSubmit={onSubmit}>
      <Row>
        <Col sm={6}>
          <FormField form={form} name="firstName" label={t("firstName")} autoComplete="given-name" />
        </Col>
        <Col sm={6}>
          <FormField form={form} name="lastName" label={t("lastName")} autoComplete="family-name" />
        </Col>
      </Row>
      <FormField form={form} name="email" label={t("email")} type="email" autoComplete="email" required />
      <Form.Group className="mb-3" controlId="field-locale">
        <Form.Label>{t("locale")}</Form.Label>
        <Form.Select {...form.register("locale")} isInvalid={!!localeError}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </Form.Select>
        <Form.Control.Feedback type="invalid">{localeError ? tErrors("locale_invalid") : null}</Form.Control.Feedback>
      </Form.Group>
      <SubmitButton pending={isPending}>{t("save")}</SubmitButton>
    </Form>
  );
}
