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
import { useActionResult } from "@/components/ui/useActionResult";
import { CHATBOT_LIMITS, chatbotSchema, type ChatbotInput } from "@/lib/validation/chatbot";

type Props = { bot?: { id: string; name: string; description: string; systemPrompt: string; isActive: boolean } };

/** Creates a bot, or edits `bot`. */
export function ChatbotForm({ bot }: Props) {
  const t = useTranslations("chatbots");
  const tToast = useTranslations("toast");
  const router = useRouter();
  const toast = useToast();
  const form = useForm<ChatbotInput, unknown, z.output<typeof chatbotSchema>>({
    resolver: zodResolver(chatbotSchema),
    defaultValues: bot ?? { name: "", description: "", systemPrompt: "", isActive: true },
  });
  const run = useActionResult(form);
  const promptLength = [...(useWatch({ control: form.control, name: "systemPrompt" }) ?? "")].length;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => (bot ? updateChatbotAction(bot.id, values) : createChatbotAction(values)));
    if (!result.ok) return;
    toast.success(tToast(bot ? "chatbot_updated" : "chatbot_created"));
    router.push(`/chatbots/${result.data.id}`);
    router.refresh();
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
      <Form.Check type="switch" className="mb-4" id="field-isActive" label={t("isActive")} {...form.register("isActive")} />
      <div className="d-flex flex-wrap gap-2">
        <SubmitButton pending={form.formState.isSubmitting}>{bot ? t("save") : t("create")}</SubmitButton>
        <Link href={bot ? `/chatbots/${bot.id}` : "/chatbots"} className="btn btn-outline-secondary">
          {t("cancel")}
        </Link>
      </div>
    </Form>
  );
}
