"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import Form from "react-bootstrap/Form";
import { setChatbotActiveAction } from "@/app/(dashboard)/chatbots/actions";
import { useToast } from "@/components/ui/Toasts";
import { useActionResult } from "@/components/ui/useActionResult";

/** On or off. A bot an administrator switched off cannot be switched on here. */
export function ChatbotActiveSwitch({ id, name, isActive, locked = false }: { id: string; name: string; isActive: boolean; locked?: boolean }) {
  const t = useTranslations("chatbots");
  const tToast = useTranslations("toast");
  const router = useRouter();
  const toast = useToast();
  const run = useActionResult();
  const [checked, setChecked] = useState(isActive);
  const [pending, setPending] = useState(false);

  async function onChange(next: boolean) {
    setChecked(next);
    setPending(true);
    const result = await run(() => setChatbotActiveAction(id, next));
    setPending(false);
    if (!result.ok) return setChecked(!next);
    toast.success(tToast(next ? "chatbot_activated" : "chatbot_deactivated", { name }));
    router.refresh();
  }

  return (
    <>
      <Form.Check
        type="switch"
        id={`active-${id}`}
        checked={checked}
        disabled={pending || (locked && !checked)}
        onChange={(e) => onChange(e.currentTarget.checked)}
        label={t("isActive")}
        aria-label={t("active_named", { name })}
      />
      {locked ? <div className="small text-warning-emphasis">{t("admin_locked")}</div> : null}
    </>
  );
}
