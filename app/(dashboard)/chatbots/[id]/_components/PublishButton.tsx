"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import { publishAction } from "@/app/(dashboard)/chatbots/[id]/versions/actions";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";

/** Makes the draft the version visitors, the widget and the API talk to. */
export function PublishButton({ botId, size }: { botId: string; size?: "sm" }) {
  const t = useTranslations("versions");
  const [run, pending] = useAction();
  const toast = useToast();
  const router = useRouter();
  return (
    <Button
      size={size}
      variant="primary"
      disabled={pending}
      aria-busy={pending || undefined}
      data-testid="publish"
      onClick={() =>
        run(publishAction.bind(null, botId), ({ number }) => {
          toast.success(t("published_toast", { number }));
          router.refresh();
        })
      }
    >
      <i className="bi bi-upload me-1" aria-hidden />
      {t("publish")}
    </Button>
  );
}
