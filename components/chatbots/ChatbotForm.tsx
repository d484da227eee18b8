"use client";

import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import Link from "next/link";
import Form from "react-bootstrap/Form";
import type { z } from "zod";
import { createChatbotAction, updateChatbotAction } from "@/app/(dashboard)/chatbots/actions";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import type { ProviderId } from "@/lib/ai/types";
import { CHATBOT_LIMITS, NEW_CHATBOT, chatbotSchema, type ChatbotInput } from "@/lib/validation/chatbot";

type Props = {
  bot?: ChatbotInput & { id: string; adminLocked: boolean; isActive: boolean };
  /** Providers this server can use; the bot's current one is listed even when it no longer is. */
  providers: ProviderId[];
  modelSuggestions: Record<ProviderId, string[]>;
};


/** Creates a bot, or edits `bot`. */
export function ChatbotForm({ bot, providers, modelSuggestions }: Props) {
  const t = useTranslations("chatbots");
  const tToast = useTranslations("toast");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const toast = useToast();
  const form = useForm<ChatbotInput, unknown, z.output<typeof chatbotSchema>>({
    resolver: zodResolver(chatbotSchema),
    defaultValues: bot ?? NEW_CHATBOT,
  });
  const [run, isPending] = useAction(form);
  const promptLength = [...(useWatch({ control: form.control, name: "systemPrompt" }) ?? "")].length;
  const provider = useWatch({ control: form.control, name: "provider" }) ?? "builtin";
  const providerError = form.formState.errors.provider?.message;
  const current = bot?.provider ?? "builtin";
  const options = providers.includes(current) ? providers : [...providers, current];

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => (bot ? updateChatbotAction.bind(null, bot.id)(values) : createChatbotAction(values)));
    if (!result.ok) return;
    toast.success(tToast(bot ? "chatbot_updated" : "chatbot_created"));
    router.push(`/chatbots/${result.data.id}`);
  });

  return (
    <Form noValidate onSubmit={onSubmit}>
      <FormField form={form} name="name" label={t("name")} required />
      <FormField form={form} name="description" label={t("description")} as="textarea" rows={2} />
      <FormField
        form={form}
        name="systemPrompt"
        label={t("systemPrompt")}
        as="textarea"
        rows={8}
        hint={
          <span aria-live="polite" className={promptLength > CHATBOT_LIMITS.systemPrompt ? "text-danger" : undefined}>
            {t("characters", { count: promptLength, max: CHATBOT_LIMITS.systemPrompt })}
          </span>
        }
      />
      <Form.Group className="mb-4" controlId="field-isActive">
        <Form.Check type="switch" label={t("isActive")} disabled={bot?.adminLocked && !bot.isActive} isInvalid={!!form.formState.errors.isActive} {...form.register("isActive")} />
        {bot?.adminLocked ? <Form.Text className="d-block">{t("admin_locked")}</Form.Text> : null}
        {form.formState.errors.isActive ? <div className="invalid-feedback d-block">{tErrors("bot_locked")}</div> : null}
      </Form.Group>
      <fieldset className="border rounded p-3 mb-4">
        <legend className="h6 float-none w-auto px-2 mb-0">{t("answers_legend")}</legend>
        <Form.Group className="mb-3" controlId="field-provider">
          <Form.Label>{t("provider")}</Form.Label>
          <Form.Select {...form.register("provider")} isInvalid={!!providerError} aria-describedby="field-provider-hint">
            {options.map((p) => (
              <option key={p} value={p}>
                {t(`provider_${p}`)}
                {providers.includes(p) ? "" : ` — ${t("provider_not_configured")}`}
              </option>
            ))}
          </Form.Select>
          <Form.Text id="field-provider-hint" className="d-block">
            {t(`provider_${provider}_hint`)}
          </Form.Text>
          <Form.Control.Feedback type="invalid">{providerError ? tErrors("provider_unavailable") : null}</Form.Control.Feedback>
        </Form.Group>
        <FormField form={form} name="model" label={t("model")} hint={t("model_hint")} list="model-suggestions" />
        <datalist id="model-suggestions">
          {(modelSuggestions[provider] ?? []).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <div className="row">
          <div className="col-sm-6">
            <FormField form={form} name="temperature" label={t("temperature")} type="number" step="0.1" min="0" max="2" hint={t("temperature_hint")} />
          </div>
          <div className="col-sm-6">
            <FormField form={form} name="maxOutputTokens" label={t("maxOutputTokens")} type="number" step="1" min="1" max={String(CHATBOT_LIMITS.maxOutputTokens)} hint={t("maxOutputTokens_hint", { max: CHATBOT_LIMITS.maxOutputTokens })} />
          </div>
        </div>
        <FormField form={form} name="dailyMessageQuota" label={t("dailyMessageQuota")} type="number" step="1" min="1" hint={t("dailyMessageQuota_hint")} />
        <FormField form={form} name="welcomeMessage" label={t("welcomeMessage")} as="textarea" rows={2} hint={t("welcomeMessage_hint")} />
        <FormField form={form} name="fallbackMessage" label={t("fallbackMessage")} as="textarea" rows={2} hint={t("fallbackMessage_hint")} />
      </fieldset>
      <div className="d-flex flex-wrap gap-2">
        <SubmitButton pending={isPending}>{bot ? t("save") : t("create")}</SubmitButton>
        <Link href={bot ? `/chatbots/${bot.id}` : "/chatbots"} className="btn btn-outline-secondary">
          {t("cancel")}
        </Link>
      </div>
    </Form>
  );
}
