"use client";

import { useCallback, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { useToast } from "./Toasts";
import { useErrorText } from "./useErrorText";

/**
 * Runs a server action and shows its outcome: field errors go on their fields (all of them),
 * the code becomes a translated toast; a network or server crash is a code too. `isPending`
 * holds from the click until the action and the page's revalidated data have arrived, and
 * drops again whatever the answer, so a refused form is usable at once. `onSuccess` runs inside
 * the same transition, so a navigation it starts keeps the form busy until the next page shows.
 */
// react-hook-form's setError, for any form's values: a server's field names are its schema's.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SetError = (name: any, error: { type: string; message: string }, options?: { shouldFocus: boolean }) => void;

/** A refusal shown under its form (FormError): the latest one only; `id` tells a repeat from the same text still showing. */
export type InlineError = { text: string; id: number } | null;

/**
 * `inline`: the refusal's text is returned (third element) for a FormError under the form, which
 * replaces the last one, instead of a toast: for the password forms, where a message far from the
 * form, stacked with the last one, was missed (issue 22).
 */
export function useAction(form?: { setError: SetError }, { inline = false }: { inline?: boolean } = {}) {
  const errorText = useErrorText();
  const toast = useToast();
  const [isPending, startTransition] = useTransition();
  const [inlineError, setInlineError] = useState<InlineError>(null);
  const run = useCallback(
    <D,>(call: () => Promise<ActionResult<D>>, onSuccess?: (data: D) => void) =>
      new Promise<ActionResult<D>>((resolve) => {
        startTransition(async () => {
          let result: ActionResult<D>;
          try {
            result = await call();
          } catch {
            result = { ok: false, code: "server_error" };
          }
          if (result.ok) {
            setInlineError(null);
            onSuccess?.(result.data);
          } else {
            Object.entries(result.fieldErrors ?? {}).forEach(([field, code], index) => {
              form?.setError(field, { type: "server", message: code }, { shouldFocus: index === 0 });
            });
            const text = errorText(result.code, result.retryAfter);
            if (inline) setInlineError((last) => ({ text, id: (last?.id ?? 0) + 1 }));
            else toast.error(text);
          }
          resolve(result);
        });
      }),
    [errorText, form, toast, inline],
  );
  return [run, isPending, inlineError] as const;
}
