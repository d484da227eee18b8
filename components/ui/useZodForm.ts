"use client";

import { useState } from "react";
import { useForm, type FieldValues, type Resolver, type UseFormProps } from "react-hook-form";
import type { z } from "zod";

type Loader<S> = () => Promise<S>;

/**
 * A react-hook-form resolver that imports the form's zod schema (the same file the server action
 * parses with) and @hookform/resolvers' zodResolver on its first call, so neither zod nor the
 * resolver is in a page's first load. `preload()` starts the import early (a form's first focus).
 */
export function lazyZodResolver<S extends z.ZodType>(load: Loader<S>) {
  type In = z.input<S> & FieldValues;
  let ready: Promise<Resolver<In, unknown, z.output<S>>> | null = null;
  const preload = () =>
    (ready ??= Promise.all([load(), import("@hookform/resolvers/zod")]).then(
      ([schema, { zodResolver }]) => zodResolver(schema as never) as unknown as Resolver<In, unknown, z.output<S>>,
    ));
  const resolver: Resolver<In, unknown, z.output<S>> = async (values, context, options) => (await preload())(values, context, options);
  return { resolver, preload };
}

/**
 * react-hook-form with a lazily loaded zod schema: `load` is `() => import("@/lib/validation/x").then((m) => m.xSchema)`.
 * Checked on submit, then on every change once a submit has failed (react-hook-form's defaults).
 * Spread `formProps` on the <Form>: it starts loading the schema on the form's first focus.
 */
export function useZodForm<S extends z.ZodType>(load: Loader<S>, options: Omit<UseFormProps<z.input<S> & FieldValues, unknown, z.output<S>>, "resolver">) {
  const [{ resolver, preload }] = useState(() => lazyZodResolver(load));
  const form = useForm<z.input<S> & FieldValues, unknown, z.output<S>>({ ...options, resolver });
  return Object.assign(form, { formProps: { noValidate: true, onFocus: () => void preload() } });
}

export type ZodForm<S extends z.ZodType> = ReturnType<typeof useZodForm<S>>;
