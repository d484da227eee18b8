"use client";

import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

type Item = { key: string; lang: string; label: string; current: boolean };

/**
 * A disclosure menu in Bootstrap's dropdown markup: the button says whether it is open, the arrow
 * keys move between the choices, Escape closes it and gives focus back to the button, and a click
 * or focus elsewhere closes it. Placed by CSS alone (`data-bs-popper="static"`), as in a navbar.
 */
export function LanguageMenu({ id, label, items, onChoose }: { id: string; label: ReactNode; items: Item[]; onChoose: (key: string) => void }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("click", outside);
    document.addEventListener("focusin", outside);
    return () => {
      document.removeEventListener("click", outside);
      document.removeEventListener("focusin", outside);
    };
  }, [open]);

  const choices = () => [...(root.current?.querySelectorAll<HTMLButtonElement>(".dropdown-item") ?? [])];
  function move(step: number) {
    const all = choices();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    all[(at + step + all.length) % all.length]?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      toggle.current?.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const down = event.key === "ArrowDown";
      if (!open) {
        setOpen(true);
        // The menu shows on the next render: focus its first (or last) choice then.
        requestAnimationFrame(() => choices()[down ? 0 : choices().length - 1]?.focus());
      } else move(down ? 1 : -1);
    }
  }

  return (
    <div ref={root} className={`nav-item dropdown ${open ? "show" : ""}`} onKeyDown={onKeyDown}>
      <button ref={toggle} type="button" id={id} className={`dropdown-toggle nav-link ${open ? "show" : ""}`} aria-expanded={open} aria-controls={`${id}-list`} onClick={() => setOpen(!open)}>
        {label}
      </button>
      <div id={`${id}-list`} aria-labelledby={id} data-bs-popper="static" className={`dropdown-menu dropdown-menu-end ${open ? "show" : ""}`}>
        {items.map((item) => (
          <button
            key={item.key}
            type="button"
            lang={item.lang}
            className={`dropdown-item ${item.current ? "active" : ""}`}
            aria-current={item.current ? "true" : undefined}
            onClick={() => {
              setOpen(false);
              onChoose(item.key);
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
    </div>
  );
}
