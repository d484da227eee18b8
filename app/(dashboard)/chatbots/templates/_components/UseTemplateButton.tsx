"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { createFromTemplateAction } from "@/app/(dashboard)/chatbots/actions";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import type { TemplateId } from "@/lib/chatbots/templates";

/** Creates the bot with its sample Q&A and opens its playground, so the first chat is one click away. */
export function UseTemplateButton({ template, label }: { template: TemplateId; label: string }) {
  const t = useTranslations("templates");
  const tToast = useTranslations("toast");
  const router = useRouter();
  const toast = useToast();
  const [run, pending] = useAction();

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await run(
      () => createFromTemplateAction({ template }),
      (data) => {
        toast.success(tToast("chatbot_created"));
        router.push(`/chatbots/${data.id}`);
      },
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} className="mt-auto">
      <SubmitButton pending={pending} className="w-100">
        {/* One accessible name, "Use this template: Restaurant", that starts with the visible words. */}
        <span aria-hidden>{t("use")}</span>
        <span className="visually-hidden">{`${t("use")}: ${label}`}</span>
      </SubmitButton>
    </form>
  );
}
