"use client";

import { useRef, useState, type MouseEvent, type ReactNode } from "react";

/**
 * Bootstrap's navbar toggler and collapsing menu (below the `lg` breakpoint), with Bootstrap's
 * height transition: `.collapsing` animates from one height to the other, then `.collapse(.show)`.
 * Following a link closes the menu, as the page under it changes.
 */
export function NavCollapse({ id, toggleLabel, children }: { id: string; toggleLabel: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);

  function toggle(next = !open) {
    const el = panel.current;
    if (!el || next === open) return;
    setOpen(next);
    const finish = () => {
      el.removeEventListener("transitionend", finish);
      el.classList.remove("collapsing");
      el.classList.add("collapse");
      el.classList.toggle("show", next);
      el.style.height = "";
    };
    const from = next ? 0 : el.getBoundingClientRect().height;
    el.style.height = `${from}px`;
    el.classList.remove("collapse", "show");
    el.classList.add("collapsing");
    void el.offsetHeight; // start from `from`, so the change below is animated
    el.style.height = next ? `${el.scrollHeight}px` : "0px";
    // No transition (reduced motion, wide screens): finish at once.
    if (parseFloat(getComputedStyle(el).transitionDuration) > 0) el.addEventListener("transitionend", finish);
    else finish();
  }

  function onClick(event: MouseEvent) {
    if ((event.target as Element).closest("a[href]")) toggle(false);
  }

  return (
    <>
      <button type="button" className={`navbar-toggler ${open ? "" : "collapsed"}`} aria-controls={id} aria-expanded={open} aria-label={toggleLabel} onClick={() => toggle()}>
        <span className="navbar-toggler-icon" />
      </button>
      <div ref={panel} className="navbar-collapse collapse" id={id} onClick={onClick}>
        {children}
      </div>
    </>
  );
}
