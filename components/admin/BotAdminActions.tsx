"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import { setBotActiveAction } from "@/app/(dashboard)/admin/actions";
import { useToast } from "@/components/ui/Toasts";
import { useActionResult } from "@/components/ui/useActionResult";

/** Switches a bot off (locked: its owner cannot switch it back on) or on again. */
export function BotAdminActions({ bot }: { bot: { id: string; name: string; isActive: boolean } }) {
  const t = useTranslations("admin");
  const router = useRouter();
  const toast = useToast();
  const run = useActionResult();
  const [pending, setPending] = useState(false);
  const name = bot.name;

  async function toggle() {
    setPending(true);
    const result = await run(() => setBotActiveAction(bot.id, !bot.isActive));
    setPending(false);
    if (!result.ok) return;
    toast.success(t(bot.isActive ? "bot_deactivated" : "bot_reactivated", { name }));
    router.refresh();
  }

  return (
    <Button size="sm" variant={bot.isActive ? "outline-danger" : "outline-primary"} disabled={pending} onClick={toggle}>
      {t(bot.isActive ? "deactivate" : "reactivate")}
      <span className="visually-hidden">
        {" "}
        <bdi>{name}</bdi>
      </span>
    </Button>
  );
}
