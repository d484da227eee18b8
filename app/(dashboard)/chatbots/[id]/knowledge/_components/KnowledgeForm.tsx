"use client";

import { useTranslations } from "next-intl";
import { addKnowledgeAction, updateKnowledgeAction } from "@/app/(dashboard)/chatbots/[id]/knowledge/actions";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";
import Button from "react-bootstrap/Button";

const schema = () => import("@/lib/validation/knowledge").then((m) => m.knowledgeEntrySchema);

const empty = { question: "", answer: "", alternatives: "" };

type Props = { botId: string; entry?: { id: string; question: string; answer: string; alternatives: string }; onDone?: () => void };

/** Adds a Q&A entry, or edits `entry` in place. */
export function KnowledgeForm({ botId, entry, onDone }: Props) {
  const t = useTranslations("knowledge");
  const toast = useToast();
  const form = useZodForm(schema, { defaultValues: entry ? { question: entry.question, answer: entry.answer, alternatives: entry.alternatives } : empty });
  const [run, isPending] = useAction(form);

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => (entry ? updateKnowledgeAction.bind(null, botId, entry.id)(values) : addKnowledgeAction.bind(null, botId)(values)));
    if (!result.ok) return;
    toast.success(t(entry ? "saved" : "added"));
    if (!entry) form.reset(empty);
    onDone?.();
  });

  return (
    <form {...form.formProps} onSubmit={onSubmit} id={entry ? `edit-${entry.id}` : "add-entry"}>
      <FormField form={form} name="question" label={t("question")} required />
      <FormField form={form} name="alternatives" label={t("alternatives")} as="textarea" rows={2} hint={t("alternatives_hint")} />
      <FormField form={form} name="answer" label={t("answer")} as="textarea" rows={3} required hint={t("answer_hint")} />
      <div className="d-flex gap-2">
        <SubmitButton pending={isPending}>{entry ? t("save") : t("add")}</SubmitButton>
        {entry && (
          <Button variant="outline-secondary" onClick={onDone}>
            {t("cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}
