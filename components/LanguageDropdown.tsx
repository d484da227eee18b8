"use client";

import { useEffect, useState, type ReactNode } from "react";
import NavDropdown from "react-bootstrap/NavDropdown";

export type LanguageItem = { key: string; lang: string; label: string; current: boolean };
export type LanguageMenuProps = { id: string; label: ReactNode; items: LanguageItem[]; onChoose: (key: string) => void };

/**
 * The language menu: react-bootstrap's NavDropdown, whose keyboard handling is the library's own
 * (arrows move between the languages, Escape closes it and gives focus back to its button).
 * `open` and `focus` carry over what was done to the stand-in button before this arrived.
 */
export default function LanguageDropdown({ id, label, items, onChoose, open, focus }: LanguageMenuProps & { open: boolean; focus: boolean }) {
  const [show, setShow] = useState(open);
  // Opened on the stand-in just as this arrived: open now.
  const [opened, setOpened] = useState(open);
  if (open !== opened) {
    setOpened(open);
    if (open) setShow(true);
  }
  useEffect(() => {
    if (focus) document.getElementById(id)?.focus();
  }, [focus, id]);
  return (
    <NavDropdown id={id} align="end" title={label} show={show} onToggle={(next) => setShow(next)}>
      {items.map((item) => (
        <NavDropdown.Item key={item.key} as="button" lang={item.lang} active={item.current} aria-current={item.current ? "true" : undefined} onClick={() => onChoose(item.key)}>
          {item.label}
        </NavDropdown.Item>
      ))}
    </NavDropdown>
  );
}
