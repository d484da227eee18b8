"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import FormGroup from "react-bootstrap/FormGroup";
import FormLabel from "react-bootstrap/FormLabel";
import FormSelect from "react-bootstrap/FormSelect";
import { alternativeAction, answerAction, dismissAction } from "@/app/(dashboard)/chatbots/[id]/unanswered/actions";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";

const entrySchema = () => import("@/lib/validation/feedback").then((m) => m.unansweredEntryForm);
const alternativeSchema = () => import("@/lib/validation/feedback").then((m) => m.unansweredAlternativeForm);

type Props = { botId: string; messageIds: string[]; question: string; entries: { id: string; question: string }[]; index: number };

/** What the owner does with one group of unanswered questions: a new Q&A entry, another phrasing of one, or dismiss. */
export function UnansweredActions({ botId, messageIds, question, entries, index }: Props) {
  const t = useTranslations("unanswered");
  const toast = useToast();
  const router = useRouter();
  const entryForm = useZodForm(entrySchema, { defaultValues: { question, answer: "" } });
  const alternativeForm = useZodForm(alternativeSchema, { defaultValues: { question, entryId: entries[0]?.id ?? "" } });
  const [runEntry, entryPending] = useAction(entryForm);
  const [runAlternative, alternativePending] = useAction(alternativeForm);
  const [runDismiss, dismissPending] = useAction();
  const done = (text: string) => () => {
    toast.success(text);
    router.refresh();
  };

  return (
    <div className="row g-3">
      <div className="col-md-7">
        <form {...entryForm.formProps} onSubmit={entryForm.handleSubmit((values) => runEntry(() => answerAction.bind(null, botId, messageIds)(values), done(t("added"))))} aria-label={t("add_entry_form", { number: index + 1 })}>
          <FormField form={entryForm} name="question" label={t("question")} required />
          <FormField form={entryForm} name="answer" label={t("answer")} as="textarea" rows={2} required />
          <SubmitButton pending={entryPending}>{t("add_entry")}</SubmitButton>
        </form>
      </div>
      <div className="col-md-5">
        {entries.length > 0 && (
          <form
            {...alternativeForm.formProps}
            className="mb-3"
            onSubmit={alternativeForm.handleSubmit((values) => runAlternative(() => alternativeAction.bind(null, botId, messageIds)(values), done(t("alternative_added"))))}
            aria-label={t("alternative_form", { number: index + 1 })}
          >
            <input type="hidden" {...alternativeForm.register("question")} />
            <FormGroup className="mb-2" controlId={`alternative-entry-${index}`}>
              <FormLabel>{t("alternative_of")}</FormLabel>
              <FormSelect {...alternativeForm.register("entryId")} dir="auto">
                {entries.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.question}
                  </option>
                ))}
              </FormSelect>
            </FormGroup>
            <SubmitButton pending={alternativePending} variant="outline-primary">
              {t("add_alternative")}
            </SubmitButton>
          </form>
        )}
        <Button variant="outline-secondary" size="sm" disabled={dismissPending} onClick={() => runDismiss(dismissAction.bind(null, botId, messageIds), done(t("dismissed")))}>
          {t("dismiss")}
        </Button>
      </div>
    </div>
  );
}
