"use client";

import { useId, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import Modal from "react-bootstrap/Modal";
import { newlyFailingAction, publishAction } from "@/app/(dashboard)/chatbots/[id]/versions/actions";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";

/**
 * Makes the draft the version visitors, the widget and the API talk to. When the latest test run
 * of this draft has questions that pass on the published version and fail on the draft, it lists
 * them and publishes only when the owner confirms (the server refuses otherwise too).
 */
export function PublishButton({ botId, size }: { botId: string; size?: "sm" }) {
  const t = useTranslations("versions");
  const tCommon = useTranslations("common");
  const [run, pending] = useAction();
  const toast = useToast();
  const router = useRouter();
  const [failing, setFailing] = useState<string[] | null>(null);
  const titleId = useId();

  const publish = (confirmRegressions: boolean) =>
    run(publishAction.bind(null, botId, { confirmRegressions }), ({ number }) => {
      setFailing(null);
      toast.success(t("published_toast", { number }));
      router.refresh();
    });

  return (
    <>
      <Button
        size={size}
        variant="primary"
        disabled={pending}
        aria-busy={pending || undefined}
        data-testid="publish"
        onClick={() =>
          run(newlyFailingAction.bind(null, botId), (questions) => {
            if (questions.length) setFailing(questions);
            else void publish(false);
          })
        }
      >
        <i className="bi bi-upload me-1" aria-hidden />
        {t("publish")}
      </Button>
      <Modal show={!!failing} onHide={() => setFailing(null)} centered restoreFocus aria-labelledby={titleId} data-testid="publish-regressions">
        <Modal.Header closeButton closeLabel={tCommon("close")}>
          <Modal.Title as="h2" className="h5" id={titleId}>
            {t("regressions_title")}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <p>{t("regressions_text", { count: failing?.length ?? 0 })}</p>
          <ul className="mb-2">
            {failing?.map((question, i) => (
              <li key={i} className="text-break" dir="auto">
                {question}
              </li>
            ))}
          </ul>
          <Link href={`/chatbots/${botId}/tests`} onClick={() => setFailing(null)}>
            {t("regressions_open_tests")}
          </Link>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="secondary" onClick={() => setFailing(null)} data-testid="publish-cancel">
            {tCommon("cancel")}
          </Button>
          <Button variant="danger" onClick={() => void publish(true)} disabled={pending} data-testid="publish-anyway">
            {t("publish_anyway")}
          </Button>
        </Modal.Footer>
      </Modal>
    </>
  );
}
