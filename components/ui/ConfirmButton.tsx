"use client";

import { useId, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import Modal from "react-bootstrap/Modal";
import type { ActionResult } from "@/lib/actions/action";
import { useAction } from "./useAction";

type Props = {
  /** The button's content, and its accessible name when it needs more than what shows. */
  children: ReactNode;
  ariaLabel?: string;
  size?: "sm";
  title: string;
  text: string;
  confirmLabel: string;
  action: () => Promise<ActionResult<unknown>>;
  onDone: () => void;
};

/** A destructive button that asks first, in a dialog, then runs its server action. */
export function ConfirmButton({ children, ariaLabel, size, title, text, confirmLabel, action, onDone }: Props) {
  const t = useTranslations("common");
  const titleId = useId();
  const [run, pending] = useAction();
  const [open, setOpen] = useState(false);

  async function confirm() {
    const result = await run(action);
    if (!result.ok) return;
    setOpen(false);
    onDone();
  }

  return (
    <>
      <Button variant="outline-danger" size={size} onClick={() => setOpen(true)} aria-label={ariaLabel}>
        {children}
      </Button>
      <Modal show={open} onHide={() => setOpen(false)} centered aria-labelledby={titleId}>
        <Modal.Header closeButton closeLabel={t("close")}>
          <Modal.Title id={titleId} as="h2" className="h5">
            {title}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>{text}</Modal.Body>
        <Modal.Footer>
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {t("cancel")}
          </Button>
          <Button variant="danger" onClick={confirm} disabled={pending}>
            {confirmLabel}
          </Button>
        </Modal.Footer>
      </Modal>
    </>
  );
}
