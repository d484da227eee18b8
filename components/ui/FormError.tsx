import type { InlineError } from "./useAction";

/**
 * A form's refusal, under the form: one message, the latest, replacing the one before. The live
 * region is always in the page (an added region is not reliably read out); each new refusal,
 * even the same text again, is a new alert inside it, so screen readers announce it.
 */
export function FormError({ error }: { error: InlineError }) {
  return (
    <div aria-live="assertive" aria-atomic="true" className="mt-3">
      {error && (
        <div key={error.id} role="alert" className="alert alert-danger mb-0 py-2" data-testid="form-error">
          <i className="bi bi-exclamation-triangle me-2" aria-hidden />
          {error.text}
        </div>
      )}
    </div>
  );
}
