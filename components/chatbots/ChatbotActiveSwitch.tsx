"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { setChatbotActiveAction } from "@/app/(dashboard)/chatbots/actions";
import FormCheck from "react-bootstrap/FormCheck";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";

/** On or off. A bot an administrator switched off cannot be switched on here. */
export function ChatbotActiveSwitch({ id, name, isActive, locked = false }: { id: string; name: string; isActive: boolean; locked?: boolean }) {
  const t = useTranslations("chatbots");
  const tToast = useTranslations("toast");
  const toast = useToast();
  const [run, pending] = useAction();
  const [checked, setChecked] = useState(isActive);

  async function onChange(next: boolean) {
    setChecked(next);
    const result = await run(() => setChatbotActiveAction.bind(null, id)({ isActive: next }));
    if (!result.ok) return setChecked(!next);
    toast.success(tToast(next ? "chatbot_activated" : "chatbot_deactivated", { name }));
  }

  return (
    <>
      <FormCheck
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
