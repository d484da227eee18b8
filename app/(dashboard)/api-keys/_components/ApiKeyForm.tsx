"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { createApiKeyAction } from "@/app/(dashboard)/api-keys/actions";
import { Check } from "@/components/ui/Check";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useAction } from "@/components/ui/useAction";
import { useForm } from "@/components/ui/useForm";
import { isErrorCode } from "@/lib/errors";
import type { ApiKeyInput, apiKeySchema } from "@/lib/validation/api-key";
import { API_KEY_EXPIRIES } from "@/lib/validation/limits";

const schema = () => import("@/lib/validation/api-key").then((m) => m.apiKeySchema);

type Bot = { id: string; name: string; apiEnabled: boolean };
const EMPTY: ApiKeyInput = { name: "", scope: "all", botIds: [], expiresInDays: "" };

/** Creates a key; the new key shows here once, read-only, to copy. */
export function ApiKeyForm({ bots }: { bots: Bot[] }) {
  const t = useTranslations("apiKeys");
  const errors = useTranslations("errors");
  const form = useForm<ApiKeyInput, typeof apiKeySchema>({ schema, defaultValues: EMPTY });
  const [run, isPending] = useAction(form);
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const scope = form.values.scope;
  const botError = form.errors.botIds?.message;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => createApiKeyAction(values));
    if (!result.ok) return;
    setCreated(result.data.key);
    setCopied(false);
    form.reset(EMPTY);
  });

  async function copy() {
    if (!created) return;
    await navigator.clipboard?.writeText(created).then(() => setCopied(true), () => {});
  }

  if (created) {
    return (
      <div data-testid="new-api-key">
        <div role="alert" className="fade alert alert-warning show">
          {t("shown_once")}
        </div>
        <label className="form-label" htmlFor="new-api-key-value">
          {t("new_key")}
        </label>
        <div className="mb-3 input-group">
          <input id="new-api-key-value" name="apiKey" readOnly value={created} className="font-monospace form-control" dir="ltr" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="btn btn-outline-secondary" onClick={copy}>
            <i className={`bi ${copied ? "bi-check2" : "bi-clipboard"} me-1`} aria-hidden />
            {copied ? t("copied") : t("copy")}
          </button>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setCreated(null)}>
          {t("done")}
        </button>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={onSubmit} id="new-api-key-form">
      <FormField form={form} name="name" label={t("name")} required hint={t("name_hint")} />
      <fieldset className="mb-3">
        <legend className="form-label fs-6">{t("scope")}</legend>
        <Check type="radio" id="scope-all" label={t("scope_all")} {...form.register("scope", { value: "all" })} />
        <Check type="radio" id="scope-chosen" label={t("scope_chosen")} {...form.register("scope", { value: "chosen" })} />
        {scope === "chosen" && (
          <div className="ms-4 mt-2">
            {bots.length === 0 && <p className="small text-body-secondary mb-0">{t("no_bots")}</p>}
            {bots.map((bot) => (
              <Check
                key={bot.id}
                type="checkbox"
                id={`bot-${bot.id}`}
                isInvalid={!!botError}
                aria-describedby={botError ? "bot-ids-error" : undefined}
                label={
                  <>
                    <span dir="auto">{bot.name}</span>
                    {!bot.apiEnabled && <span className="small text-body-secondary ms-2">({t("api_off")})</span>}
                  </>
                }
                {...form.register("botIds", { value: bot.id })}
              />
            ))}
            {botError && (
              <div id="bot-ids-error" className="invalid-feedback d-block">
                {errors(isErrorCode(botError) ? botError : "invalid_data")}
              </div>
            )}
          </div>
        )}
        <small className="d-block form-text">{t("scope_hint")}</small>
      </fieldset>
      <div className="mb-3">
        <label className="form-label" htmlFor="api-key-expiry">
          {t("expiry")}
        </label>
        <select {...form.register("expiresInDays")} id="api-key-expiry" className="form-select">
          {API_KEY_EXPIRIES.map((days) => (
            <option key={days} value={days}>
              {days ? t("expiry_days", { days: Number(days) }) : t("expiry_never")}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton pending={isPending}>{t("create")}</SubmitButton>
    </form>
  );
}
