"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { deleteAllConversationsAction, deleteConversationAction } from "@/app/(dashboard)/chatbots/[id]/conversations/actions";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { useToast } from "@/components/ui/Toasts";

/** Deletes one conversation (with `conversationId`) or all of the bot's. */
export function DeleteConversations({ botId, conversationId, size }: { botId: string; conversationId?: string; size?: "sm" }) {
  const t = useTranslations("conversations");
  const router = useRouter();
  const toast = useToast();
  const one = !!conversationId;
  return (
    <ConfirmButton
      size={size}
      title={t(one ? "delete_one_title" : "delete_all_title")}
      text={t(one ? "delete_one_text" : "delete_all_text")}
      confirmLabel={t(one ? "delete_one" : "delete_all")}
      action={one ? deleteConversationAction.bind(null, botId, conversationId) : deleteAllConversationsAction.bind(null, botId)}
      onDone={() => {
        toast.success(t(one ? "deleted_one" : "deleted_all"));
        router.push(`/chatbots/${botId}/conversations`);
      }}
    >
      <i className="bi bi-trash me-1" aria-hidden />
      {t(one ? "delete_one" : "delete_all")}
    </ConfirmButton>
  );
}
