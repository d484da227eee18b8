"use client";

import { lazy, Suspense, useState, type ReactNode } from "react";
import Button from "react-bootstrap/Button";
import type { ActionResult } from "@/lib/actions/action";
import { useAction } from "./useAction";

const load = () => import("./ConfirmModal");
// The modal (react-bootstrap's Modal and its focus manager) is imported when the button is first
// pointed at, focused or pressed: pages show such buttons, few visits open one.
const ConfirmModal = lazy(load);

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

/** A destructive button that asks first, in a modal dialog (ConfirmModal), then runs its server action. */
export function ConfirmButton({ children, ariaLabel, size, title, text, confirmLabel, action, onDone }: Props) {
  const [run, pending] = useAction();
  const [open, setOpen] = useState(false);
  // Mounted from the first opening on, so that closing runs the modal's own exit (and focus return).
  const [used, setUsed] = useState(false);

  async function confirm() {
    const result = await run(action);
    if (!result.ok) return;
    setOpen(false);
    onDone();
  }

  return (
    <>
      <Button
        variant="outline-danger"
        size={size}
        aria-label={ariaLabel}
        onPointerEnter={() => void load()}
        onFocus={() => void load()}
        onClick={() => {
          setUsed(true);
          setOpen(true);
        }}
      >
        {children}
      </Button>
      {used && (
        <Suspense fallback={null}>
          <ConfirmModal show={open} title={title} text={text} confirmLabel={confirmLabel} pending={pending} onConfirm={confirm} onHide={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
