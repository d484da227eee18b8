"use client";

import { useState } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/action";
import { useToast } from "./Toasts";
import { useErrorText } from "./useErrorText";

/**
 * Runs a server action from a form and shows its outcome: field errors go on their fields
 * (all of them), the code becomes a translated toast. A network or server crash is a code too.
 *
 * `run.accepted` is true once the server accepted the last submit and false again after a
 * refusal: a form that navigates away on success stays busy with `isSubmitting || run.accepted`.
 * (react-hook-form's `isSubmitSuccessful` only means the handler did not throw, so a refused
 * login counted as a success and locked the button until a reload.)
 */
export function useActionResult<T extends FieldValues>(form?: UseFormReturn<T>) {
  const errorText = useErrorText();
  const toast = useToast();
  const [accepted, setAccepted] = useState(false);
  async function run<D>(call: () => Promise<ActionResult<D>>): Promise<ActionResult<D>> {
    let result: ActionResult<D>;
    try {
      result = await call();
    } catch {
      result = { ok: false, code: "server_error" };
    }
    setAccepted(result.ok);
    if (!result.ok) {
      const fields = Object.entries(result.fieldErrors ?? {});
      fields.forEach(([field, code], index) => {
        form?.setError(field as Path<T>, { message: code }, { shouldFocus: index === 0 });
      });
      toast.error(errorText(result.code, result.retryAfter));
    }
    return result;
  }
  return Object.assign(run, { accepted });
}
