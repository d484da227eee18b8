"use client";

import { lazy, Suspense, useRef, useState, type ComponentProps, type Ref } from "react";
import type { LanguageMenuProps } from "./LanguageDropdown";

let loading: Promise<unknown> | null = null;
const load = () => (loading ??= import("./LanguageDropdown"));
const LanguageDropdown = lazy(() => load() as Promise<{ default: typeof import("./LanguageDropdown").default }>);

/**
 * react-bootstrap's NavDropdown (components/LanguageDropdown.tsx), imported when a visitor first
 * points at or focuses the menu's button: a dropdown brings its positioning engine (Popper), which
 * no page needs until then. Until it has arrived, a stand-in button in the same markup remembers
 * whether it was opened (click, Enter, arrow) and had the focus, and the dropdown takes over both.
 */
export function LanguageMenu(props: LanguageMenuProps) {
  const [ready, setReady] = useState<{ open: boolean; focus: boolean } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const wantOpen = useRef(false);

  function prepare() {
    void load().then(() => setReady({ open: wantOpen.current, focus: document.activeElement === button.current }));
  }
  function open() {
    wantOpen.current = true;
    prepare();
  }

  if (ready) {
    return (
      <Suspense fallback={<StandIn id={props.id} label={props.label} />}>
        <LanguageDropdown {...props} {...ready} />
      </Suspense>
    );
  }
  return (
    <StandIn
      id={props.id}
      label={props.label}
      buttonRef={button}
      events={{
        onPointerEnter: prepare,
        onFocus: prepare,
        onClick: open,
        onKeyDown: (event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            open();
          }
        },
      }}
    />
  );
}

/** NavDropdown's closed markup. */
function StandIn({ id, label, buttonRef, events }: Pick<LanguageMenuProps, "id" | "label"> & { buttonRef?: Ref<HTMLButtonElement>; events?: ComponentProps<"button"> }) {
  return (
    <div className="nav-item dropdown">
      <button ref={buttonRef} type="button" id={id} className="dropdown-toggle nav-link" aria-expanded="false" {...events}>
        {label}
      </button>
    </div>
  );
}
