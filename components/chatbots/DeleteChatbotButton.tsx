"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import Modal from "react-bootstrap/Modal";
import { deleteChatbotAction } from "@/app/(dashboard)/chatbots/actions";
import { useToast } from "@/components/ui/Toasts";
import { useActionResult } from "@/components/ui/useActionResult";

export function DeleteChatbotButton({ id, name, size }: { id: string; name: string; size?: "sm" }) {
  const t = useTranslations("chatbots");
  const tToast = useTranslations("toast");
  const tCommon = useTranslations("common");
  const router = useRouter();
  const toast = useToast();
  const run = useActionResult();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);

  async function confirm() {
    setPending(true);
    const result = await run(() => deleteChatbotAction(id));
    setPending(false);
    if (!result.ok) return;
    setOpen(false);
    toast.success(tToast("chatbot_deleted", { name }));
    router.push("/chatbots");
    router.refresh();
  }

  return (
    <>
      <Button variant="outline-danger" size={size} onClick={() => setOpen(true)} aria-label={t("delete_named", { name })}>
        <i className="bi bi-trash me-1" aria-hidden />
        {t("delete")}
      </Button>
      <Modal show={open} onHide={() => setOpen(false)} centered aria-labelledby={`delete-title-${id}`}>
        <Modal.Header closeButton closeLabel={tCommon("close")}>
          <Modal.Title id={`delete-title-${id}`} as="h2" className="h5">
            {t("confirm_delete_title")}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>{t("confirm_delete_text", { name })}</Modal.Body>
        <Modal.Footer>
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {t("cancel")}
          </Button>
          <Button variant="danger" onClick={confirm} disabled={pending}>
            {t("confirm_delete")}
          </Button>
        </Modal.Footer>
      </Modal>
    </>
  );
}
