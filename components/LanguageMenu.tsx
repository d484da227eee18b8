"use client";

import { useRef, useState, type ComponentProps, type Ref } from "react";
import type LanguageDropdownType from "./LanguageDropdown";
import type { LanguageMenuProps } from "./LanguageDropdown";

let loading: Promise<typeof import("./LanguageDropdown")> | null = null;
const load = () => (loading ??= import("./LanguageDropdown"));

/**
 * react-bootstrap's NavDropdown (components/LanguageDropdown.tsx), imported when a visitor first
 * points at or focuses the menu's button: a dropdown brings its positioning engine (Popper), which
 * no page needs until then. Until it has arrived, a stand-in button in the same markup remembers
 * whether it was opened (click, Enter, arrow) and had the focus, and the dropdown takes over both.
 * The loaded component is rendered directly in the stand-in's place (no Suspense fallback between
 * them, which would take the focus away while a key is pressed).
 */
export function LanguageMenu(props: LanguageMenuProps) {
  const [ready, setReady] = useState<{ Dropdown: typeof LanguageDropdownType; open: boolean; focus: boolean } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const wantOpen = useRef(false);

  function prepare() {
    void load().then(({ default: Dropdown }) => setReady({ Dropdown, open: wantOpen.current, focus: document.activeElement === button.current }));
  }
  function open() {
    wantOpen.current = true;
    prepare();
  }

  if (ready) {
    const { Dropdown, open, focus } = ready;
    return <Dropdown {...props} open={open} focus={focus} />;
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
