"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";

type Tone = "success" | "danger";
type Item = { id: number; tone: Tone; text: string };
type Toaster = { success: (text: string) => void; error: (text: string) => void };

const ToastContext = createContext<Toaster | null>(null);

export function useToast(): Toaster {
  const toaster = useContext(ToastContext);
  if (!toaster) throw new Error("useToast outside ToastProvider");
  return toaster;
}

let nextId = 1;

/** The one place the client shows outcomes: kept in the root layout so it survives navigation. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useTranslations("common");
  const [items, setItems] = useState<Item[]>([]);
  const remove = useCallback((id: number) => setItems((all) => all.filter((i) => i.id !== id)), []);
  const push = useCallback((tone: Tone, text: string) => {
    // The id is taken outside the updater: StrictMode runs updaters twice in development.
    const id = nextId++;
    setItems((all) => [...all.slice(-3), { id, tone, text }]);
  }, []);
  const toaster = useMemo<Toaster>(() => ({ success: (x) => push("success", x), error: (x) => push("danger", x) }), [push]);

  return (
    <ToastContext.Provider value={toaster}>
      {children}
      <div className="toast-container bottom-0 end-0 p-3 position-fixed" style={{ zIndex: 1090 }}>
        {items.map((item) => (
          <Toast key={item.id} item={item} closeLabel={t("close")} onClose={() => remove(item.id)} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** Bootstrap's toast markup: fades in, closes itself after a while (longer for errors). */
function Toast({ item, closeLabel, onClose }: { item: Item; closeLabel: string; onClose: () => void }) {
  const [shown, setShown] = useState(false);
  // The timer starts once: a new toast beside this one re-renders it with a new onClose.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    // Rendered without `show` first, so that adding it runs Bootstrap's fade.
    const frame = requestAnimationFrame(() => setShown(true));
    const timer = setTimeout(() => close.current(), item.tone === "success" ? 4000 : 8000);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [item.tone]);
  return (
    <div className={`fade toast bg-${item.tone} ${shown ? "show" : ""}`} role="alert" aria-live="assertive" aria-atomic="true">
      <div className="d-flex text-white" role={item.tone === "danger" ? "alert" : "status"}>
        <div className="flex-grow-1 toast-body" data-testid={`toast-${item.tone}`}>
          <i className={`bi ${item.tone === "success" ? "bi-check-circle" : "bi-exclamation-triangle"} me-2`} aria-hidden />
          {item.text}
        </div>
        <button type="button" className="btn-close btn-close-white me-2 m-auto" aria-label={closeLabel} onClick={onClose} />
      </div>
    </div>
  );
}
