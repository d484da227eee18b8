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

/**
 * A destructive button that asks first, in react-bootstrap's modal, then runs its server action.
 * The modal keeps focus inside, closes on Escape or a click beside it and gives focus back to the
 * button (restoreFocus); its content exists only while open, so a closed dialog says nothing to the page.
 */
export function ConfirmButton({ children, ariaLabel, size, title, text, confirmLabel, action, onDone }: Props) {
  const t = useTranslations("common");
  const titleId = useId();
  const [run, pending] = useAction();
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);

  async function confirm() {
    const result = await run(action);
    if (!result.ok) return;
    close();
    onDone();
  }

  return (
    <>
      <Button variant="outline-danger" size={size} onClick={() => setOpen(true)} aria-label={ariaLabel}>
        {children}
      </Button>
      <Modal show={open} onHide={close} centered restoreFocus aria-labelledby={titleId}>
        <Modal.Header closeButton closeLabel={t("close")}>
          <Modal.Title as="h2" className="h5" id={titleId}>
            {title}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>{text}</Modal.Body>
        <Modal.Footer>
          <Button variant="secondary" onClick={close}>
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
