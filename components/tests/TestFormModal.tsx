"use client";

import { useId } from "react";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import FormGroup from "react-bootstrap/FormGroup";
import FormLabel from "react-bootstrap/FormLabel";
import FormSelect from "react-bootstrap/FormSelect";
import FormText from "react-bootstrap/FormText";
import Modal from "react-bootstrap/Modal";
import { addTestAction, updateTestAction } from "@/app/(dashboard)/chatbots/[id]/tests/actions";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";
import type { BotTestInput } from "@/lib/validation/bot-tests";

const schema = () => import("@/lib/validation/bot-tests").then((m) => m.botTestSchema);

/** What a test may require the reply to cite (lib/db/bot-tests.ts testSourceOptions). */
export type SourceOptions = { entries: { id: string; question: string }[]; sources: { id: string; name: string }[] };

type Props = {
  botId: string;
  /** The test edited, or a new one's starting values. */
  initial: BotTestInput & { id?: string };
  /** Without them (the playground, a transcript) the form offers no source to require. */
  options?: SourceOptions;
  /** The reply the question got, shown beside the form when saving an exchange. */
  reply?: string;
  onHide: () => void;
  onSaved?: () => void;
};

/** Adds a saved test question, or edits one, in a modal dialog. */
export function TestFormModal({ botId, initial, options, reply, onHide, onSaved }: Props) {
  const t = useTranslations("tests");
  const tCommon = useTranslations("common");
  const toast = useToast();
  const titleId = useId();
  const selectId = useId();
  const form = useZodForm(schema, { defaultValues: { question: initial.question, expected: initial.expected ?? "", mustNotContain: initial.mustNotContain ?? "", mustUseSource: initial.mustUseSource ?? "" } });
  const [run, isPending] = useAction(form);

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => (initial.id ? updateTestAction.bind(null, botId, initial.id)(values) : addTestAction.bind(null, botId)(values)));
    if (!result.ok) return;
    toast.success(t(initial.id ? "saved_toast" : "added_toast"));
    onSaved?.();
    onHide();
  });

  return (
    <Modal show onHide={onHide} centered restoreFocus aria-labelledby={titleId} data-testid="test-form">
      <form {...form.formProps} onSubmit={onSubmit}>
        <Modal.Header closeButton closeLabel={tCommon("close")}>
          <Modal.Title as="h2" className="h5" id={titleId}>
            {t(initial.id ? "edit_title" : "add_title")}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <FormField form={form} name="question" label={t("question")} as="textarea" rows={2} required />
          {reply !== undefined && (
            <div className="mb-3">
              <div className="form-label mb-1">{t("reply_was")}</div>
              <blockquote className="small text-body-secondary border-start ps-2 mb-0 text-prewrap text-break" dir="auto" data-testid="test-form-reply">
                {reply}
              </blockquote>
            </div>
          )}
          <FormField form={form} name="expected" label={t("expected")} hint={t("expected_hint")} />
          <FormField form={form} name="mustNotContain" label={t("must_not_contain")} hint={t("must_not_contain_hint")} />
          {options && (options.entries.length > 0 || options.sources.length > 0) && (
            <FormGroup className="mb-3" controlId={selectId}>
              <FormLabel>{t("must_use_source")}</FormLabel>
              <FormSelect {...form.register("mustUseSource")} aria-describedby={`${selectId}-hint`}>
                <option value="">{t("no_source")}</option>
                {options.entries.length > 0 && (
                  <optgroup label={t("qa_entries")}>
                    {options.entries.map((e) => (
                      <option key={e.id} value={`qa:${e.id}`}>
                        {e.question}
                      </option>
                    ))}
                  </optgroup>
                )}
                {options.sources.length > 0 && (
                  <optgroup label={t("knowledge_sources")}>
                    {options.sources.map((s) => (
                      <option key={s.id} value={`source:${s.id}`}>
                        {s.name}
                      </option>
                    ))}
                  </optgroup>
                )}
              </FormSelect>
              <FormText id={`${selectId}-hint`}>{t("must_use_source_hint")}</FormText>
            </FormGroup>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Button variant="secondary" onClick={onHide}>
            {tCommon("cancel")}
          </Button>
          <SubmitButton pending={isPending}>{t(initial.id ? "save" : "add")}</SubmitButton>
        </Modal.Footer>
      </form>
    </Modal>
  );
}
