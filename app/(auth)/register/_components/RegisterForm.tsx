"use client";

import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import Form from "react-bootstrap/Form";
import Row from "react-bootstrap/Row";
import Col from "react-bootstrap/Col";
import type { z } from "zod";
import { registerAction } from "@/app/(auth)/actions";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useAction } from "@/components/ui/useAction";
import { PASSWORD_MIN } from "@/lib/validation/fields";
import { registerSchema, type RegisterInput } from "@/lib/validation/auth";

export function RegisterForm() {
  const t = useTranslations("auth");
  const form = useForm<RegisterInput, unknown, z.output<typeof registerSchema>>({
    resolver: zodResolver(registerSchema),
    defaultValues: { username: "", email: "", password: "", confirmPassword: "", firstName: "", lastName: "" },
  });
  const [run, isPending] = useAction(form);
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
    <Form method="post" noValidate onSubmit={onSubmit}>
      <FormField form={form} name="username" label={t("username")} autoComplete="username" hint={t("username_hint")} required />
      <FormField form={form} name="email" label={t("email")} type="email" autoComplete="email" required />
      <FormField form={form} name="password" label={t("password")} type="password" autoComplete="new-password" hint={t("password_hint", { min: PASSWORD_MIN })} required />
      <FormField form={form} name="confirmPassword" label={t("confirmPassword")} type="password" autoComplete="new-password" required />
      <Row>
        <Col sm={6}>
          <FormField form={form} name="firstName" label={t("firstName")} autoComplete="given-name" />
        </Col>
        <Col sm={6}>
          <FormField form={form} name="lastName" label={t("lastName")} autoComplete="family-name" />
        </Col>
      </Row>
      <SubmitButton pending={isPending} className="w-100">
        {t("register_submit")}
      </SubmitButton>
    </Form>
  );
}
