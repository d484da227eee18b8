"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import type { z } from "zod";

// A form's state and its client-side check, in a few hundred bytes: react-hook-form (~10 kB gzip)
// and zod (~30 kB) were on every form page's first load. The schema is still the one file the
// server action parses with; it is imported when the visitor first focuses a field (or submits),
// so it has arrived by the time it is needed. Errors are codes, shown by FormField.

type Values = Record<string, unknown>;
export type FieldError = { message: string };
type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export type Form<T extends Values, O = T> = {
  values: T;
  errors: Partial<Record<keyof T & string, FieldError>>;
  /** Props for a text-like input, textarea or select; `{ checkbox: true }` for an on/off checkbox; `{ value }` for a radio, or a checkbox in a group whose value is an array. */
  register: (name: keyof T & string, options?: { checkbox?: boolean; value?: string }) => Record<string, unknown>;
  handleSubmit: (onValid: (data: O) => void | Promise<void>) => (event?: FormEvent) => Promise<void>;
  setError: (name: string, error: FieldError, options?: { shouldFocus?: boolean }) => void;
  reset: (values?: T) => void;
};

type Options<T extends Values, S extends z.ZodType> = {
  /** The form's zod schema, imported on demand: `() => import("@/lib/validation/x").then((m) => m.xSchema)`. */
  schema: () => Promise<S>;
  defaultValues: T;
  /** Values from the server that replace the form's when they change (after a save and refresh). */
  values?: T;
};

/** The code of each field's first problem, as the server action reports them (lib/validation/parse.ts). */
function fieldErrors(error: z.ZodError): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    if (!errors[field]) errors[field] = { message: issue.message };
  }
  return errors;
}

export function useForm<T extends Values, S extends z.ZodType = z.ZodType>({ schema, defaultValues, values: serverValues }: Options<T, S>): Form<T, z.output<S>> {
  const [values, setValues] = useState<T>(serverValues ?? defaultValues);
  const [errors, setErrors] = useState<Record<string, FieldError>>({});
  const elements = useRef(new Map<string, Field>());
  const loaded = useRef<Promise<S> | null>(null);
  // Like react-hook-form: checked on submit, then again on every change once a submit has failed.
  const submitted = useRef(false);
  // What the handlers read: the values as of the last change, ahead of the next render.
  const latest = useRef(values);

  const schemaRef = useRef(schema);
  const load = useCallback(() => (loaded.current ??= schemaRef.current()), []);

  const applied = useRef(JSON.stringify(serverValues));
  useEffect(() => {
    const next = JSON.stringify(serverValues);
    if (serverValues && next !== applied.current) {
      applied.current = next;
      latest.current = serverValues;
      setValues(serverValues);
      setErrors({});
    }
  }, [serverValues]);

  const focus = (name: string) => elements.current.get(name)?.focus();

  const revalidate = useCallback(
    async (name: string, next: Values) => {
      const parsed = (await load()).safeParse(next);
      const found = parsed.success ? {} : fieldErrors(parsed.error);
      setErrors((all) => {
        const rest = { ...all };
        delete rest[name];
        return found[name] ? { ...rest, [name]: found[name] } : rest;
      });
    },
    [load],
  );

  const set = useCallback(
    (name: string, value: unknown) => {
      const next = { ...latest.current, [name]: value };
      latest.current = next as T;
      setValues(next as T);
      if (submitted.current) void revalidate(name, next);
    },
    [revalidate],
  );

  const register: Form<T>["register"] = (name, options = {}) => {
    const common = {
      name,
      ref: (el: Field | null) => {
        // The first element of a name takes the focus for its error (a group's first option).
        if (el && !elements.current.has(name)) elements.current.set(name, el);
      },
      onFocus: () => void load(),
    };
    const current = values[name];
    if (options.checkbox) {
      return { ...common, checked: !!current, onChange: (e: ChangeEvent<HTMLInputElement>) => set(name, e.target.checked) };
    }
    if (options.value !== undefined) {
      const value = options.value;
      if (Array.isArray(current)) {
        return {
          ...common,
          value,
          checked: current.includes(value),
          onChange: (e: ChangeEvent<HTMLInputElement>) => {
            const all = (latest.current[name] as string[]) ?? [];
            set(name, e.target.checked ? [...all.filter((v) => v !== value), value] : all.filter((v) => v !== value));
          },
        };
      }
      return { ...common, value, checked: current === value, onChange: () => set(name, value) };
    }
    return { ...common, value: (current ?? "") as string, onChange: (e: ChangeEvent<Field>) => set(name, e.target.value) };
  };

  const handleSubmit: Form<T, z.output<S>>["handleSubmit"] = (onValid) => async (event) => {
    event?.preventDefault();
    submitted.current = true;
    const parsed = (await load()).safeParse(latest.current);
    if (!parsed.success) {
      const found = fieldErrors(parsed.error);
      setErrors(found);
      focus(Object.keys(values).find((name) => found[name]) ?? Object.keys(found)[0]);
      return;
    }
    setErrors({});
    await onValid(parsed.data as z.output<S>);
  };

  const setError: Form<T>["setError"] = useCallback((name, error, options) => {
    setErrors((all) => ({ ...all, [name]: error }));
    if (options?.shouldFocus) focus(name);
  }, []);

  const reset = useCallback(
    (next?: T) => {
      const to = next ?? defaultValues;
      latest.current = to;
      setValues(to);
      setErrors({});
      submitted.current = false;
    },
    [defaultValues],
  );

  return useMemo<Form<T, z.output<S>>>(
    () => ({ values, errors: errors as Form<T>["errors"], register, handleSubmit, setError, reset }),
    // register and handleSubmit read `values` and are rebuilt with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [values, errors, setError, reset],
  );
}
