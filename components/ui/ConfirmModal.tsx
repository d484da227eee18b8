"use client";

import { useId } from "react";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import Modal from "react-bootstrap/Modal";

type Props = { show: boolean; title: string; text: string; confirmLabel: string; pending: boolean; onConfirm: () => void; onHide: () => void };

/**
 * react-bootstrap's modal asking to confirm: it keeps focus inside, closes on Escape or a click
 * beside it and gives focus back to the button that opened it (restoreFocus); its content exists
 * only while open, so a closed dialog says nothing to the page.
 */
export default function ConfirmModal({ show, title, text, confirmLabel, pending, onConfirm, onHide }: Props) {
  const t = useTranslations("common");
  const titleId = useId();
  return (
    <Modal show={show} onHide={onHide} centered restoreFocus aria-labelledby={titleId}>
      <Modal.Header closeButton closeLabel={t("close")}>
        <Modal.Title as="h2" className="h5" id={titleId}>
          {title}
        </Modal.Title>
      </Modal.Header>
      <Modal.Body>{text}</Modal.Body>
      <Modal.Footer>
        <Button variant="secondary" onClick={onHide}>
          {t("cancel")}
        </Button>
        <Button variant="danger" onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </Button>
      </Modal.Footer>
    </Modal>
  );
}
