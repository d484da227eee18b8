"use client";

import { useTranslations } from "next-intl";
import { addSiteSourceAction, addUrlSourceAction } from "@/app/(dashboard)/chatbots/[id]/knowledge/source-actions";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";
import { SOURCE_LIMITS } from "@/lib/validation/limits";

const pageSchema = () => import("@/lib/validation/knowledge-sources").then((m) => m.urlSourceSchema);
const siteSchema = () => import("@/lib/validation/knowledge-sources").then((m) => m.siteSourceSchema);

/** One web page by its address. */
export function PageSourceForm({ botId }: { botId: string }) {
  const t = useTranslations("knowledgeSources");
  const toast = useToast();
  const form = useZodForm(pageSchema, { defaultValues: { url: "" } });
  const [run, isPending] = useAction(form);
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => addUrlSourceAction.bind(null, botId)(values));
    if (!result.ok) return;
    toast.success(t("web_added"));
    form.reset({ url: "" });
  });
  return (
    <form {...form.formProps} onSubmit={onSubmit} id="add-page">
      <FormField form={form} name="url" type="url" label={t("url")} placeholder="https://" hint={t("page_hint")} required />
      <SubmitButton pending={isPending}>{t("page_add")}</SubmitButton>
    </form>
  );
}

/** A whole site: its page cap and link depth are shown (and chosen) before the crawl starts. */
export function SiteSourceForm({ botId, maxSitePages }: { botId: string; maxSitePages: number }) {
  const t = useTranslations("knowledgeSources");
  const toast = useToast();
  const defaults = { url: "", maxPages: Math.min(20, maxSitePages), maxDepth: SOURCE_LIMITS.defaultDepth };
  const form = useZodForm(siteSchema, { defaultValues: defaults });
  const [run, isPending] = useAction(form);
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => addSiteSourceAction.bind(null, botId)(values));
    if (!result.ok) return;
    toast.success(t("web_added"));
    form.reset(defaults);
  });
  return (
    <form {...form.formProps} onSubmit={onSubmit} id="add-site">
      <FormField form={form} name="url" type="url" label={t("site_url")} placeholder="https://" hint={t("site_hint")} required />
      <div className="row g-2">
        <div className="col-sm-6">
          <FormField form={form} name="maxPages" type="number" min="1" max={String(maxSitePages)} step="1" label={t("max_pages")} hint={t("max_pages_hint", { max: maxSitePages })} required />
        </div>
        <div className="col-sm-6">
          <FormField form={form} name="maxDepth" type="number" min="0" max={String(SOURCE_LIMITS.depth)} step="1" label={t("max_depth")} hint={t("max_depth_hint")} required />
        </div>
      </div>
      <SubmitButton pending={isPending}>{t("site_add")}</SubmitButton>
    </form>
  );
}
