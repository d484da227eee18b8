"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import { restoreAction } from "@/app/(dashboard)/chatbots/[id]/versions/actions";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";

/** "Restore": the draft becomes this version again, as a new version; nothing is published or deleted. */
export function RestoreButton({ botId, number }: { botId: string; number: number }) {
  const t = useTranslations("versions");
  const [run, pending] = useAction();
  const toast = useToast();
  const router = useRouter();
  return (
    <Button
      size="sm"
      variant="outline-secondary"
      disabled={pending}
      aria-busy={pending || undefined}
      aria-label={t("restore_label", { number })}
      onClick={() =>
        run(restoreAction.bind(null, botId, number), (data) => {
          toast.success(t("restored_toast", { from: number, number: data.number }));
          router.refresh();
        })
      }
    >
      <i className="bi bi-arrow-counterclockwise me-1" aria-hidden />
      {t("restore")}
    </Button>
  );
}
