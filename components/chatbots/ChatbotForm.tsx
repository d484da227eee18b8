"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { createChatbotAction, updateChatbotAction } from "@/app/(dashboard)/chatbots/actions";
import Feedback from "react-bootstrap/Feedback";
import FormCheck from "react-bootstrap/FormCheck";
import FormGroup from "react-bootstrap/FormGroup";
import FormLabel from "react-bootstrap/FormLabel";
import FormSelect from "react-bootstrap/FormSelect";
import FormText from "react-bootstrap/FormText";
import { useWatch } from "react-hook-form";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";
import type { ProviderId } from "@/lib/ai/types";
import { AVATAR_COLORS, AVATAR_COLOR_NAMES, AVATAR_ICONS } from "@/lib/chatbots/avatar";
import type { ChatbotInput } from "@/lib/validation/chatbot";
import { CHATBOT_LIMITS, NEW_CHATBOT } from "@/lib/validation/limits";
import { BotPreview } from "./BotPreview";

const schema = () => import("@/lib/validation/chatbot").then((m) => m.chatbotSchema);

type Props = {
  bot?: ChatbotInput & { id: string; adminLocked: boolean; isActive: boolean; avatarImageHash?: string | null };
  /** Providers this server can use; the bot's current one is listed even when it no longer is. */
  providers: ProviderId[];
  modelSuggestions: Record<ProviderId, string[]>;
  /** The saved welcome message rendered by the server, shown in the preview until it is edited. */
  welcomeView?: ReactNode;
  /** A new bot's daily message quota, filled in for the owner to keep, change or clear. */
  defaultQuota?: number | null;
};

/**
 * Creates a bot, or edits `bot`. What every bot needs comes first, in plain words; settings that
 * only an AI model reads (model, creativity, reply length) appear once one is chosen, the
 * fine-tuning ones folded under "Advanced". A live preview shows what visitors will see.
 */
export function ChatbotForm({ bot, providers, modelSuggestions, welcomeView, defaultQuota = null }: Props) {
  const t = useTranslations("chatbots");
  const tChat = useTranslations("chat");
  const tToast = useTranslations("toast");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const toast = useToast();
  const form = useZodForm(schema, { defaultValues: bot ?? { ...NEW_CHATBOT, dailyMessageQuota: defaultQuota } });
  const [run, isPending] = useAction(form);
  const [name, welcome, prompt, providerValue, avatarIcon, avatarColor] = useWatch({
    control: form.control,
    name: ["name", "welcomeMessage", "systemPrompt", "provider", "avatarIcon", "avatarColor"],
  }) as (string | undefined)[];
  const promptLength = [...(prompt ?? "")].length;
  const provider = (providerValue ?? "builtin") as ProviderId;
  const remote = provider !== "builtin";
  const errors = form.formState.errors;
  const providerError = errors.provider?.message;
  const current = bot?.provider ?? "builtin";
  const options = providers.includes(current) ? providers : [...providers, current];

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => (bot ? updateChatbotAction.bind(null, bot.id)(values) : createChatbotAction(values)));
    if (!result.ok) return;
    toast.success(tToast(bot ? "chatbot_updated" : "chatbot_created"));
    router.push(`/chatbots/${result.data.id}`);
  });

  return (
    <form {...form.formProps} onSubmit={onSubmit} method="post">
      <div className="row g-4">
        <div className="col-lg-7">
          <fieldset className="card mb-4">
            <div className="card-body">
              <legend className="h5 mb-3">{t("section_basics")}</legend>
              <fieldset className="mb-3">
                <legend className="form-label fs-6 mb-1">{t("avatar")}</legend>
                <div className="d-flex flex-wrap align-items-center gap-1 mb-2" role="radiogroup" aria-label={t("avatar_icon")}>
                  {AVATAR_ICONS.map((icon) => (
                    <span key={icon}>
                      <input type="radio" className="btn-check" id={`avatar-icon-${icon}`} value={icon} defaultChecked={avatarIcon === icon} {...form.register("avatarIcon")} />
                      <label className="btn btn-sm avatar-choice" htmlFor={`avatar-icon-${icon}`} title={t(`icon_${icon}`)}>
                        <i className={`bi bi-${icon}`} aria-hidden />
                        <span className="visually-hidden">{t(`icon_${icon}`)}</span>
                      </label>
                    </span>
                  ))}
                </div>
                <div className="d-flex flex-wrap align-items-center gap-1" role="radiogroup" aria-label={t("avatar_color")}>
                  {AVATAR_COLOR_NAMES.map((color) => (
                    <span key={color}>
                      <input type="radio" className="btn-check" id={`avatar-color-${color}`} value={color} defaultChecked={avatarColor === color} {...form.register("avatarColor")} />
                      <label className="btn btn-sm avatar-swatch" htmlFor={`avatar-color-${color}`} title={t(`color_${color}`)} style={{ backgroundColor: AVATAR_COLORS[color] }}>
                        <i className="bi bi-check-lg" aria-hidden />
                        <span className="visually-hidden">{t(`color_${color}`)}</span>
                      </label>
                    </span>
                  ))}
                </div>
              </fieldset>
              <FormField form={form} name="name" label={t("name")} hint={t("name_hint")} required />
              <FormField form={form} name="description" label={t("description")} hint={t("description_hint")} as="textarea" rows={2} />
              <FormField
                form={form}
                name="systemPrompt"
                label={t("systemPrompt")}
                as="textarea"
                rows={6}
                hint={
                  <>
                    {t("systemPrompt_hint")}{" "}
                    <span className="d-block" data-testid="instructions-readable">
                      <i className="bi bi-eye me-1" aria-hidden />
                      {t("instructions_readable")}
                    </span>
                    <span aria-live="polite" className={`d-block ${promptLength > CHATBOT_LIMITS.systemPrompt ? "text-danger" : ""}`}>
                      {t("characters", { count: promptLength, max: CHATBOT_LIMITS.systemPrompt })}
                    </span>
                  </>
                }
              />
              <FormField form={form} name="welcomeMessage" label={t("welcomeMessage")} as="textarea" rows={2} hint={t("welcomeMessage_hint")} />
              <FormField
                form={form}
                name="fallbackMessage"
                label={t("fallbackMessage")}
                as="textarea"
                rows={2}
                placeholder={tChat("default_fallback")}
                hint={t("fallbackMessage_hint")}
              />
              <FormGroup controlId="field-isActive">
                <FormCheck
                  type="switch"
                  label={t("isActive")}
                  disabled={bot?.adminLocked && !bot.isActive}
                  isInvalid={!!errors.isActive}
                  defaultChecked={(bot ?? NEW_CHATBOT).isActive !== false}
                  {...form.register("isActive")}
                />
                {bot?.adminLocked ? <FormText className="d-block">{t("admin_locked")}</FormText> : null}
                {errors.isActive ? <div className="invalid-feedback d-block">{tErrors("bot_locked")}</div> : null}
              </FormGroup>
            </div>
          </fieldset>

          <fieldset className="card mb-4">
            <div className="card-body">
              <legend className="h5 mb-3">{t("answers_legend")}</legend>
              <FormGroup className="mb-3" controlId="field-provider">
                <FormLabel>{t("provider")}</FormLabel>
                <FormSelect defaultValue={current} {...form.register("provider")} isInvalid={!!providerError} aria-describedby="field-provider-hint">
                  {options.map((p) => (
                    <option key={p} value={p}>
                      {t(`provider_${p}`)}
                      {providers.includes(p) ? "" : ` — ${t("provider_not_configured")}`}
                    </option>
                  ))}
                </FormSelect>
                <FormText id="field-provider-hint" className="d-block">
                  {t(`provider_${provider}_hint`)}
                </FormText>
                <Feedback type="invalid">{providerError ? tErrors("provider_unavailable") : null}</Feedback>
              </FormGroup>
              {remote && (
                <>
                  <FormField form={form} name="model" label={t("model")} hint={t("model_hint")} list="model-suggestions" />
                  <datalist id="model-suggestions">
                    {(modelSuggestions[provider] ?? []).map((m) => (
                      <option key={m} value={m} />
                    ))}
                  </datalist>
                  <FormGroup controlId="field-guardInstructions" className="mb-3">
                    <FormCheck
                      type="switch"
                      label={t("guardInstructions")}
                      aria-describedby="field-guardInstructions-hint"
                      defaultChecked={(bot ?? NEW_CHATBOT).guardInstructions === true}
                      {...form.register("guardInstructions")}
                    />
                    <FormText id="field-guardInstructions-hint" className="d-block">
                      {t("guardInstructions_hint")}
                    </FormText>
                  </FormGroup>
                </>
              )}
              <FormField form={form} name="dailyMessageQuota" label={t("dailyMessageQuota")} type="number" step="1" min="1" hint={t("dailyMessageQuota_hint")} />
              <FormField form={form} name="conversationRetentionDays" label={t("conversationRetentionDays")} type="number" step="1" min="1" hint={t("conversationRetentionDays_hint")} />
              {remote && (
                // Open by itself when one of its fields is wrong, so the error is never hidden.
                <details className="advanced-settings" open={errors.temperature || errors.maxOutputTokens ? true : undefined}>
                  <summary className="fw-semibold">{t("advanced")}</summary>
                  <p className="small text-body-secondary mt-2">{t("advanced_hint")}</p>
                  <div className="row">
                    <div className="col-sm-6">
                      <FormField form={form} name="temperature" label={t("temperature")} type="number" step="0.1" min="0" max="2" hint={t("temperature_hint")} />
                    </div>
                    <div className="col-sm-6">
                      <FormField
                        form={form}
                        name="maxOutputTokens"
                        label={t("maxOutputTokens")}
                        type="number"
                        step="1"
                        min="1"
                        max={String(CHATBOT_LIMITS.maxOutputTokens)}
                        hint={t("maxOutputTokens_hint", { max: CHATBOT_LIMITS.maxOutputTokens })}
                      />
                    </div>
                  </div>
                </details>
              )}
            </div>
          </fieldset>
          {bot && <FormField form={form} name="versionNote" label={t("versionNote")} hint={t("versionNote_hint")} />}
          <div className="d-flex flex-wrap gap-2">
            <SubmitButton pending={isPending}>{bot ? t("save") : t("create")}</SubmitButton>
            <Link href={bot ? `/chatbots/${bot.id}` : "/chatbots"} className="btn btn-outline-secondary">
              {t("cancel")}
            </Link>
          </div>
        </div>
        <div className="col-lg-5">
          <BotPreview name={name ?? ""} welcome={welcome ?? ""} welcomeView={bot && welcome === bot.welcomeMessage ? welcomeView : undefined} avatar={{ id: bot?.id, avatarImageHash: bot?.avatarImageHash, avatarIcon: avatarIcon ?? null, avatarColor: avatarColor ?? null }} />
        </div>
      </div>
    </form>
  );
}
