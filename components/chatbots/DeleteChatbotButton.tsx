"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { deleteChatbotAction } from "@/app/(dashboard)/chatbots/actions";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { useToast } from "@/components/ui/Toasts";

export function DeleteChatbotButton({ id, name, size }: { id: string; name: string; size?: "sm" }) {
  const t = useTranslations("chatbots");
  const tToast = useTranslations("toast");
  const router = useRouter();
  const toast = useToast();
  return (
    <ConfirmButton
      size={size}
      ariaLabel={t("delete_named", { name })}
      title={t("confirm_delete_title")}
      text={t("confirm_delete_text", { name })}
      confirmLabel={t("confirm_delete")}
      action={deleteChatbotAction.bind(null, id)}
      onDone={() => {
        toast.success(tToast("chatbot_deleted", { name }));
        router.push("/chatbots");
      }}
    >
      <i className="bi bi-trash me-1" aria-hidden />
      {t("delete")}
    </ConfirmButton>
  );
}
