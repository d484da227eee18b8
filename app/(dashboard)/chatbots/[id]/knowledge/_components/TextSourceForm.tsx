"use client";

import { useTranslations } from "next-intl";
import { addTextSourceAction } from "@/app/(dashboard)/chatbots/[id]/knowledge/source-actions";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";

const schema = () => import("@/lib/validation/knowledge-sources").then((m) => m.textSourceSchema);

/** Text pasted as a source, under a title, for what lives in no file or page. */
export function TextSourceForm({ botId }: { botId: string }) {
  const t = useTranslations("knowledgeSources");
  const toast = useToast();
  const form = useZodForm(schema, { defaultValues: { title: "", body: "" } });
  const [run, isPending] = useAction(form);
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => addTextSourceAction.bind(null, botId)(values));
    if (!result.ok) return;
    toast.success(t("text_added"));
    form.reset({ title: "", body: "" });
  });
  return (
    <form {...form.formProps} onSubmit={onSubmit} id="add-text">
      <FormField form={form} name="title" label={t("text_name")} required />
      <FormField form={form} name="body" as="textarea" rows={8} label={t("text_body")} hint={t("text_hint")} required />
      <SubmitButton pending={isPending}>{t("text_add")}</SubmitButton>
    </form>
  );
}
