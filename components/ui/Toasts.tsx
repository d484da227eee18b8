"use client";

import { createContext, lazy, Suspense, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { ToastItem } from "./ToastStack";

type Toaster = { success: (text: string) => void; error: (text: string) => void };

const ToastContext = createContext<Toaster | null>(null);
// react-bootstrap's Toast is imported with the first toast: every page has the provider, few pages show a toast.
const ToastStack = lazy(() => import("./ToastStack"));

export function useToast(): Toaster {
  const toaster = useContext(ToastContext);
  if (!toaster) throw new Error("useToast outside ToastProvider");
  return toaster;
}

let nextId = 1;

/** The one place the client shows outcomes: kept in the root layout so it survives navigation. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useTranslations("common");
  const [items, setItems] = useState<ToastItem[]>([]);
  const [used, setUsed] = useState(false);
  const remove = useCallback((id: number) => setItems((all) => all.filter((i) => i.id !== id)), []);
  const push = useCallback((tone: ToastItem["tone"], text: string) => {
    // The id is taken outside the updater: StrictMode runs updaters twice in development.
    const id = nextId++;
    setUsed(true);
    setItems((all) => [...all.slice(-3), { id, tone, text }]);
  }, []);
  const toaster = useMemo<Toaster>(() => ({ success: (x) => push("success", x), error: (x) => push("danger", x) }), [push]);

  return (
    <ToastContext.Provider value={toaster}>
      {children}
      {used && (
        <Suspense fallback={null}>
          <ToastStack items={items} closeLabel={t("close")} onClose={remove} />
        </Suspense>
      )}
    </ToastContext.Provider>
  );
}
