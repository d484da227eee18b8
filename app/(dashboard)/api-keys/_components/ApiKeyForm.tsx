"use client";

import { lazy, Suspense, useState } from "react";
import { useTranslations } from "next-intl";
import { createApiKeyAction } from "@/app/(dashboard)/api-keys/actions";
import FormCheck from "react-bootstrap/FormCheck";
import FormGroup from "react-bootstrap/FormGroup";
import FormLabel from "react-bootstrap/FormLabel";
import FormSelect from "react-bootstrap/FormSelect";
import FormText from "react-bootstrap/FormText";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";
import { isErrorCode } from "@/lib/errors";
import type { ApiKeyInput } from "@/lib/validation/api-key";
import { API_KEY_EXPIRIES } from "@/lib/validation/limits";

const schema = () => import("@/lib/validation/api-key").then((m) => m.apiKeySchema);

type Bot = { id: string; name: string; apiEnabled: boolean };
// The new key is shown after a creation: that view is not in the page's first load.
const NewApiKey = lazy(() => import("./NewApiKey"));

const EMPTY: ApiKeyInput = { name: "", scope: "all", botIds: [], expiresInDays: "" };

/** Creates a key; the new key shows here once, read-only, to copy. */
export function ApiKeyForm({ bots }: { bots: Bot[] }) {
  const t = useTranslations("apiKeys");
  const errors = useTranslations("errors");
  const form = useZodForm(schema, { defaultValues: EMPTY });
  const [run, isPending] = useAction(form);
  const [created, setCreated] = useState<string | null>(null);
  const scope = form.watch("scope");
  const botError = form.formState.errors.botIds?.message;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => createApiKeyAction(values));
    if (!result.ok) return;
    setCreated(result.data.key);
    form.reset(EMPTY);
  });

  if (created) {
    return (
      <Suspense fallback={null}>
        <NewApiKey apiKey={created} onDone={() => setCreated(null)} />
      </Suspense>
    );
  }

  return (
    <form {...form.formProps} onSubmit={onSubmit} id="new-api-key-form">
      <FormField form={form} name="name" label={t("name")} required hint={t("name_hint")} />
      <fieldset className="mb-3">
        <legend className="form-label fs-6">{t("scope")}</legend>
        <FormCheck type="radio" id="scope-all" label={t("scope_all")} value="all" {...form.register("scope")} />
        <FormCheck type="radio" id="scope-chosen" label={t("scope_chosen")} value="chosen" {...form.register("scope")} />
        {scope === "chosen" && (
          <div className="ms-4 mt-2">
            {bots.length === 0 && <p className="small text-body-secondary mb-0">{t("no_bots")}</p>}
            {bots.map((bot) => (
              <FormCheck
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
                value={bot.id}
                {...form.register("botIds")}
              />
            ))}
            {botError && (
              <div id="bot-ids-error" className="invalid-feedback d-block">
                {errors(isErrorCode(botError) ? botError : "invalid_data")}
              </div>
            )}
          </div>
        )}
        <FormText className="d-block">{t("scope_hint")}</FormText>
      </fieldset>
      <FormGroup className="mb-3" controlId="api-key-expiry">
        <FormLabel>{t("expiry")}</FormLabel>
        <FormSelect {...form.register("expiresInDays")}>
          {API_KEY_EXPIRIES.map((days) => (
            <option key={days} value={days}>
              {days ? t("expiry_days", { days: Number(days) }) : t("expiry_never")}
            </option>
          ))}
        </FormSelect>
      </FormGroup>
      <SubmitButton pending={isPending}>{t("create")}</SubmitButton>
    </form>
  );
}
