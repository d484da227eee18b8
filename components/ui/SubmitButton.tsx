import type { ReactNode } from "react";
import Button from "react-bootstrap/Button";
import Spinner from "react-bootstrap/Spinner";

export function SubmitButton({ pending, children, variant = "primary", className }: { pending: boolean; children: ReactNode; variant?: string; className?: string }) {
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-busy={pending} className={className}>
      {pending && <Spinner animation="border" size="sm" className="me-2" aria-hidden />}
      {children}
    </Button>
  );
}
