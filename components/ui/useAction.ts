"use client";

import { useCallback, useTransition } from "react";
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

export function useAction(form?: { setError: SetError }) {
  const errorText = useErrorText();
  const toast = useToast();
  const [isPending, startTransition] = useTransition();
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
          if (result.ok) onSuccess?.(result.data);
          else {
            Object.entries(result.fieldErrors ?? {}).forEach(([field, code], index) => {
              form?.setError(field, { type: "server", message: code }, { shouldFocus: index === 0 });
            });
            toast.error(errorText(result.code, result.retryAfter));
          }
          resolve(result);
        });
      }),
    [errorText, form, toast],
  );
  return [run, isPending] as const;
}
