"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import CloseButton from "react-bootstrap/CloseButton";
import Toast from "react-bootstrap/Toast";
import ToastContainer from "react-bootstrap/ToastContainer";
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
      <ToastContainer position="bottom-end" containerPosition="fixed" className="p-3" style={{ zIndex: 1090 }}>
        {items.map((item) => (
          // react-bootstrap's toast: fades in, closes itself after a while (longer for errors).
          <Toast key={item.id} bg={item.tone} onClose={() => remove(item.id)} delay={item.tone === "success" ? 4000 : 8000} autohide>
            <div className="d-flex text-white" role={item.tone === "danger" ? "alert" : "status"}>
              <Toast.Body className="flex-grow-1" data-testid={`toast-${item.tone}`}>
                <i className={`bi ${item.tone === "success" ? "bi-check-circle" : "bi-exclamation-triangle"} me-2`} aria-hidden />
                {item.text}
              </Toast.Body>
              <CloseButton variant="white" className="me-2 m-auto" aria-label={t("close")} onClick={() => remove(item.id)} />
            </div>
          </Toast>
        ))}
      </ToastContainer>
    </ToastContext.Provider>
  );
}
