import type { ReactNode } from "react";

export function SubmitButton({ pending, children, variant = "primary", className }: { pending: boolean; children: ReactNode; variant?: string; className?: string }) {
  return (
    <button type="submit" disabled={pending} aria-busy={pending} className={`btn btn-${variant}${className ? ` ${className}` : ""}`}>
      {pending && <div className="me-2 spinner-border spinner-border-sm" aria-hidden />}
      {children}
    </button>
  );
}
