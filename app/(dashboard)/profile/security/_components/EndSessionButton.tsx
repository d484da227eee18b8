"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import { endSessionAction } from "@/app/(dashboard)/profile/security/actions";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";

/** Signs out one other session of the account. */
export function EndSessionButton({ sessionId, name }: { sessionId: string; name: string }) {
  const t = useTranslations("twoFactor");
  const toast = useToast();
  const router = useRouter();
  const [run, pending] = useAction();
  return (
    <Button
      size="sm"
      variant="outline-danger"
      disabled={pending}
      onClick={() =>
        run(
          () => endSessionAction({ sessionId }),
          () => {
            toast.success(t("session_ended"));
            router.refresh();
          },
        )
      }
    >
      {t("sign_out_session")}
      <span className="visually-hidden"> {name}</span>
    </Button>
  );
}
