"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/action";
import { useToast } from "./Toasts";
import { useErrorText } from "./useErrorText";

/**
 * Runs a server action from a form and shows its outcome: field errors go on their fields
 * (all of them), the code becomes a translated toast. A network or server crash is a code too.
 */
export function useActionResult<T extends FieldValues>(form?: UseFormReturn<T>) {
  const errorText = useErrorText();
  const toast = useToast();
  return async function run<D>(call: () => Promise<ActionResult<D>>): Promise<ActionResult<D>> {
    let result: ActionResult<D>;
    try {
      result = await call();
    } catch {
      result = { ok: false, code: "server_error" };
    }
    if (!result.ok) {
      const fields = Object.entries(result.fieldErrors ?? {});
      fields.forEach(([field, code], index) => {
        form?.setError(field as Path<T>, { message: code }, { shouldFocus: index === 0 });
      });
      toast.error(errorText(result.code, result.retryAfter));
    }
    return result;
  };
}
