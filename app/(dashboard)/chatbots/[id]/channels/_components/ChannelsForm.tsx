"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import Link from "next/link";
import Button from "react-bootstrap/Button";
import FormCheck from "react-bootstrap/FormCheck";
import FormControl from "react-bootstrap/FormControl";
import FormGroup from "react-bootstrap/FormGroup";
import FormLabel from "react-bootstrap/FormLabel";
import FormSelect from "react-bootstrap/FormSelect";
import { useWatch } from "react-hook-form";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";
import type { ChannelsInput, WidgetSettings } from "@/lib/validation/channels";
import { launcherTextColor } from "@/lib/validation/colors";
import { WIDGET_TRUSTED_TYPES_POLICY } from "@/lib/validation/limits";
import { originsReport, type OriginsReport } from "@/lib/validation/origins";
import { newLinkAction, saveChannelsAction } from "../actions";

const schema = () => import("@/lib/validation/channels").then((m) => m.channelsSchema);

type Props = {
  botId: string;
  origin: string;
  channels: { publicId: string; publicPageEnabled: boolean; widgetEnabled: boolean; allowedOrigins: string; apiEnabled: boolean; widget: WidgetSettings };
};

/** A read-only text with a copy button, labelled. Code (with `rows`) takes the full width under its label and scrolls sideways rather than wrapping. */
function Copyable({ name, label, value, copyLabel, rows }: { name: string; label: string; value: string; copyLabel: string; rows?: number }) {
  const id = useId();
  const t = useTranslations("toast");
  const toast = useToast();
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      toast.success(t("copied"));
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  }
  const button = (
    <Button variant="outline-secondary" size={rows ? "sm" : undefined} onClick={copy} className="text-nowrap">
      <i className="bi bi-clipboard me-1" aria-hidden />
      {copyLabel}
    </Button>
  );
  if (rows) {
    return (
      <div className="mb-3">
        <div className="d-flex flex-wrap align-items-end justify-content-between gap-2 mb-2">
          <FormLabel htmlFor={id} className="mb-0">
            {label}
          </FormLabel>
          {button}
        </div>
        <FormControl as="textarea" id={id} name={name} rows={rows} value={value} readOnly dir="ltr" wrap="off" spellCheck={false} className="font-monospace code-box" onFocus={(e) => e.target.select()} />
      </div>
    );
  }
  return (
    <div className="mb-3">
      <FormLabel htmlFor={id}>{label}</FormLabel>
      <div className="d-flex gap-2 align-items-start">
        <FormControl id={id} name={name} value={value} readOnly dir="ltr" onFocus={(e) => e.target.select()} />
        {button}
      </div>
    </div>
  );
}

/** The Channels tab: the three channels' switches and settings in one form, with what to share for each. */
export function ChannelsForm({ botId, origin, channels }: Props) {
  const t = useTranslations("channels");
  const tToast = useTranslations("toast");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  // The lines the last save stored as something else, said until the next save.
  const [normalised, setNormalised] = useState<OriginsReport["normalised"]>([]);
  const toast = useToast();
  const saved: ChannelsInput = {
    publicPageEnabled: channels.publicPageEnabled,
    widgetEnabled: channels.widgetEnabled,
    allowedOrigins: channels.allowedOrigins,
    widgetColor: channels.widget.color,
    widgetPosition: channels.widget.position,
    widgetGreeting: channels.widget.greeting,
    widgetButtonLabel: channels.widget.buttonLabel,
    apiEnabled: channels.apiEnabled,
  };
  const form = useZodForm(schema, { defaultValues: saved, values: saved });
  const [run, isPending] = useAction(form);
  const preview = useWatch({ control: form.control }) as ChannelsInput;
  const color = /^#[0-9a-f]{6}$/i.test(preview.widgetColor ?? "") ? preview.widgetColor! : channels.widget.color;

  const shareUrl = `${origin}/b/${channels.publicId}`;
  const snippet = `<script src="${origin}/widget.js" data-bot="${channels.publicId}" async></script>`;
  const curl = [
    `curl -N ${origin}/api/v1/chatbots/${channels.publicId}/chat \\`,
    `  -H "Authorization: Bearer ${t("key_placeholder")}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"message": "Hello", "stream": true}'`,
  ].join("\n");
  const javascript = [
    `const response = await fetch("${origin}/api/v1/chatbots/${channels.publicId}/chat", {`,
    `  method: "POST",`,
    `  headers: { Authorization: "Bearer ${t("key_placeholder")}", "Content-Type": "application/json" },`,
    `  body: JSON.stringify({ message: "Hello" }),`,
    "});",
    "const { reply, conversationId } = await response.json();",
    "console.log(reply);",
  ].join("\n");
  const openai = [
    "from openai import OpenAI",
    "",
    `client = OpenAI(base_url="${origin}/api/v1", api_key="${t("key_placeholder")}")`,
    "reply = client.chat.completions.create(",
    `    model="${channels.publicId}",`,
    `    messages=[{"role": "user", "content": "Hello"}],`,
    ")",
    "print(reply.choices[0].message.content)",
  ].join("\n");

  const onSubmit = form.handleSubmit(async (values) => {
    // As typed: the schema's output (values) already holds the stored form of each line.
    const typed = originsReport(form.getValues("allowedOrigins") ?? "");
    const result = await run(() => saveChannelsAction.bind(null, botId)(values));
    if (!result.ok) return;
    setNormalised(typed.normalised);
    toast.success(tToast("channels_saved"));
    router.refresh();
  });

  // Which line the origin error is about: the same reading the server does.
  const badOrigin = form.formState.errors.allowedOrigins?.message === "origin_invalid" ? originsReport(preview.allowedOrigins ?? "").invalid : null;
  const url = (chunks: React.ReactNode) => <bdi dir="ltr">{chunks}</bdi>;

  const launcherLabel = preview.widgetButtonLabel?.trim() || t("default_button_label");
  // Physical sides, as the real widget uses (public/widget.js): "bottom right" is on the right in Arabic too.
  const left = preview.widgetPosition === "left";

  return (
    <form {...form.formProps} onSubmit={onSubmit}>
      <ChannelCard icon="bi-link-45deg" legend={t("page_legend")}>
        <p className="text-body-secondary small">{t("page_hint")}</p>
        <FormCheck type="switch" id="publicPageEnabled" label={t("publicPageEnabled")} className="mb-3" defaultChecked={channels.publicPageEnabled} {...form.register("publicPageEnabled")} />
        {channels.publicPageEnabled ? (
          <>
            <Copyable name="shareUrl" label={t("shareUrl")} value={shareUrl} copyLabel={t("copy_link")} />
            <div className="d-flex flex-wrap gap-2">
              <a href={shareUrl} target="_blank" rel="noopener noreferrer" className="btn btn-outline-primary btn-sm">
                <i className="bi bi-box-arrow-up-right me-1" aria-hidden />
                {t("open_page")}
              </a>
              <ConfirmButton
                size="sm"
                title={t("new_link_title")}
                text={t("new_link_text")}
                confirmLabel={t("new_link_confirm")}
                action={() => newLinkAction.bind(null, botId)()}
                onDone={() => {
                  toast.success(tToast("link_replaced"));
                  router.refresh();
                }}
              >
                <i className="bi bi-arrow-repeat me-1" aria-hidden />
                {t("new_link")}
              </ConfirmButton>
            </div>
          </>
        ) : (
          <p className="small text-body-secondary mb-0">{t("save_first")}</p>
        )}
      </ChannelCard>

      <ChannelCard icon="bi-window-stack" legend={t("widget_legend")}>
        <p className="text-body-secondary small">{t("widget_hint")}</p>
        <FormCheck type="switch" id="widgetEnabled" label={t("widgetEnabled")} className="mb-3" defaultChecked={channels.widgetEnabled} {...form.register("widgetEnabled")} />
        <FormField form={form} name="allowedOrigins" label={t("allowedOrigins")} as="textarea" rows={3} hint={t("allowedOrigins_hint")} />
        {badOrigin && (
          <p className="small text-danger mt-n2" data-testid="origin-line-error">
            {tErrors("origin_invalid_line", { line: badOrigin.line, text: badOrigin.text })}
          </p>
        )}
        {normalised.length > 0 && (
          <div className="small text-info-emphasis mt-n2 mb-3" role="status" data-testid="origins-normalised">
            {t("origins_normalised")}
            <ul className="mb-0">
              {normalised.map((n) => (
                <li key={n.line}>{t.rich("origin_normalised_item", { line: n.line, from: n.from, to: n.to, url })}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="row g-3">
          <div className="col-sm-6">
            <FormField form={form} name="widgetColor" label={t("widgetColor")} type="color" />
          </div>
          <div className="col-sm-6">
            <FormGroup className="mb-3" controlId="widgetPosition">
              <FormLabel>{t("widgetPosition")}</FormLabel>
              <FormSelect defaultValue={channels.widget.position} {...form.register("widgetPosition")}>
                <option value="right">{t("position_right")}</option>
                <option value="left">{t("position_left")}</option>
              </FormSelect>
            </FormGroup>
          </div>
        </div>
        <FormField form={form} name="widgetGreeting" label={t("widgetGreeting")} hint={t("widgetGreeting_hint")} />
        <FormField form={form} name="widgetButtonLabel" label={t("widgetButtonLabel")} hint={t("widgetButtonLabel_hint")} />
        <Copyable name="embedSnippet" label={t("embedSnippet")} value={snippet} copyLabel={t("copy_snippet")} rows={2} />
        <p className="form-text mt-n2">{t("trusted_types_hint", { name: WIDGET_TRUSTED_TYPES_POLICY })}</p>
        <figure className="mb-0">
          <figcaption className="form-label">{t("preview")}</figcaption>
          <div className="widget-preview position-relative border rounded bg-body-tertiary" data-testid="widget-preview" dir="ltr">
            <div
              className={`position-absolute bottom-0 m-3 d-flex flex-column gap-2 ${left ? "align-items-start" : "align-items-end"}`}
              style={left ? { left: 0 } : { right: 0 }}
              data-testid="widget-preview-launcher-box"
            >
              {preview.widgetGreeting?.trim() && (
                <div className="widget-preview-greeting bg-body border rounded-3 px-3 py-2 small shadow-sm" dir="auto">
                  {preview.widgetGreeting}
                </div>
              )}
              <span
                className="widget-preview-launcher rounded-circle d-inline-flex align-items-center justify-content-center shadow"
                style={{ background: color, color: launcherTextColor(color) }}
                title={launcherLabel}
                role="img"
                aria-label={launcherLabel}
              >
                <i className="bi bi-chat-dots-fill" aria-hidden />
              </span>
            </div>
          </div>
          <p className="form-text">{t("preview_hint")}</p>
        </figure>
      </ChannelCard>

      <ChannelCard icon="bi-code-slash" legend={t("api_legend")}>
        <p className="text-body-secondary small">
          {t("api_hint")} <Link href="/api-keys">{t("api_keys_link")}</Link>
        </p>
        <FormCheck type="switch" id="apiEnabled" label={t("apiEnabled")} className="mb-3" defaultChecked={channels.apiEnabled} {...form.register("apiEnabled")} />
        <Copyable name="curlExample" label={t("curl_example")} value={curl} copyLabel={t("copy_example")} rows={4} />
        <Copyable name="javascriptExample" label={t("javascript_example")} value={javascript} copyLabel={t("copy_example")} rows={7} />
        <Copyable name="openaiExample" label={t("openai_example")} value={openai} copyLabel={t("copy_example")} rows={8} />
      </ChannelCard>

      <SubmitButton pending={isPending}>{t("save")}</SubmitButton>
    </form>
  );
}

/** One channel's settings: a card whose header is the fieldset's legend. */
function ChannelCard({ icon, legend, children }: { icon: string; legend: string; children: React.ReactNode }) {
  return (
    <fieldset className="card mb-4">
      <legend className="card-header h5 mb-0 float-none w-auto">
        <i className={`bi ${icon} me-1`} aria-hidden />
        {legend}
      </legend>
      <div className="card-body">{children}</div>
    </fieldset>
  );
}
