"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/action";
import { Button } from "./Button";
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
 * A destructive button that asks first, in a dialog, then runs its server action. The dialog is
 * the browser's own modal <dialog> in Bootstrap's modal markup: it keeps focus inside, closes on
 * Escape and gives focus back to the button, with no modal library in the page.
 */
export function ConfirmButton({ children, ariaLabel, size, title, text, confirmLabel, action, onDone }: Props) {
  const t = useTranslations("common");
  const titleId = useId();
  const [run, pending] = useAction();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      el.showModal();
      // The dialog itself takes the focus, as Bootstrap's does, not its first button (the close ×).
      el.focus();
      // Added after the dialog shows, so that Bootstrap's fade and slide run.
      const frame = requestAnimationFrame(() => setShown(true));
      return () => cancelAnimationFrame(frame);
    }
    if (!open && el.open) el.close();
  }, [open]);

  function close() {
    setOpen(false);
    setShown(false);
  }

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
      <dialog
        ref={dialog}
        className={`fade modal modal-native${shown ? " show" : ""}`}
        aria-labelledby={titleId}
        tabIndex={-1}
        onClose={close}
        // A click on the backdrop (the dialog around its content) closes it, as Bootstrap's does.
        onClick={(event) => event.target === event.currentTarget && close()}
      >
        {/* Its content exists only while open, as with Bootstrap's, so a closed dialog says nothing to the page. */}
        {open && (
          <div className="modal-dialog modal-dialog-centered">
            <div className="modal-content">
              <div className="modal-header">
                <h2 className="h5 modal-title" id={titleId}>
                  {title}
                </h2>
                <button type="button" className="btn-close" aria-label={t("close")} onClick={close} />
              </div>
              <div className="modal-body">{text}</div>
              <div className="modal-footer">
                <Button variant="secondary" onClick={close}>
                  {t("cancel")}
                </Button>
                <Button variant="danger" onClick={confirm} disabled={pending}>
                  {confirmLabel}
                </Button>
              </div>
            </div>
          </div>
        )}
      </dialog>
    </>
  );
}
