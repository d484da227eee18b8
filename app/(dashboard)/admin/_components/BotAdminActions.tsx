"use client";

import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import { setBotActiveAction } from "@/app/(dashboard)/admin/actions";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";

/** Switches a bot off (locked: its owner cannot switch it back on) or on again. */
export function BotAdminActions({ bot }: { bot: { id: string; name: string; isActive: boolean } }) {
  const t = useTranslations("admin");
  const toast = useToast();
  const [run, pending] = useAction();
  const name = bot.name;

  async function toggle() {
    const result = await run(() => setBotActiveAction.bind(null, bot.id)({ isActive: !bot.isActive }));
    if (result.ok) toast.success(t(bot.isActive ? "bot_deactivated" : "bot_reactivated", { name }));
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
