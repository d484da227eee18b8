"use client";

import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import { resetTwoFactorAction, sendResetLinkAction, setUserActiveAction, setUserRoleAction } from "@/app/(dashboard)/admin/actions";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import type { ActionResult } from "@/lib/actions/action";

type Props = { user: { id: string; username: string; role: "USER" | "ADMIN"; isActive: boolean; twoFactor?: boolean }; self: boolean };

export function UserActions({ user, self }: Props) {
  const t = useTranslations("admin");
  const tToast = useTranslations("toast");
  const toast = useToast();
  const [run, pending] = useAction();

  async function act(call: () => Promise<ActionResult<unknown>>, done: string) {
    if ((await run(call)).ok) toast.success(done);
  }

  if (self) return <span className="small text-body-secondary">{t("you")}</span>;
  const name = user.username;
  return (
    <div className="d-flex flex-wrap gap-1">
      <Button size="sm" variant="outline-secondary" disabled={pending} onClick={() => act(() => setUserRoleAction.bind(null, user.id)({ role: user.role === "ADMIN" ? "USER" : "ADMIN" }), t(user.role === "ADMIN" ? "demoted" : "promoted", { name }))}>
        {t(user.role === "ADMIN" ? "demote" : "promote")}
        <span className="visually-hidden">
          {" "}
          <bdi>{name}</bdi>
        </span>
      </Button>
      <Button size="sm" variant={user.isActive ? "outline-danger" : "outline-primary"} disabled={pending} onClick={() => act(() => setUserActiveAction.bind(null, user.id)({ isActive: !user.isActive }), t(user.isActive ? "deactivated" : "reactivated", { name }))}>
        {t(user.isActive ? "deactivate" : "reactivate")}
        <span className="visually-hidden">
          {" "}
          <bdi>{name}</bdi>
        </span>
      </Button>
      {user.isActive && (
        <ConfirmButton
          size="sm"
          ariaLabel={`${t("send_reset_link")} ${name}`}
          title={t("send_reset_link")}
          text={t("send_reset_link_confirm", { username: name })}
          confirmLabel={t("send_reset_link")}
          action={() => sendResetLinkAction(user.id)}
          onDone={() => toast.success(tToast("reset_link_sent"))}
        >
          {t("send_reset_link")}
        </ConfirmButton>
      )}
      {user.twoFactor && (
        <Button size="sm" variant="outline-warning" disabled={pending} onClick={() => act(() => resetTwoFactorAction(user.id), t("two_factor_reset_done", { name }))}>
          {t("two_factor_reset")}
          <span className="visually-hidden">
            {" "}
            <bdi>{name}</bdi>
          </span>
        </Button>
      )}
    </div>
  );
}
