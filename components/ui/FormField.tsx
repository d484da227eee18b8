"use client";

import { useId, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { isErrorCode } from "@/lib/errors";
import type { Form } from "./useForm";

type Props<T extends Record<string, unknown>> = {
  form: Form<T, unknown>;
  name: keyof T & string;
  label: ReactNode;
  type?: string;
  as?: "textarea";
  rows?: number;
  autoComplete?: string;
  hint?: ReactNode;
  required?: boolean;
  list?: string;
  step?: string;
  min?: string;
  max?: string;
  placeholder?: string;
};

/** A labelled input whose error code shows as translated text under it (Bootstrap's form markup). */
export function FormField<T extends Record<string, unknown>>({ form, name, label, hint, required, as, type, ...input }: Props<T>) {
  const t = useTranslations("errors");
  const code = form.errors[name]?.message;
  // Unique per form, so two forms with the same fields on one page keep their labels apart.
  const id = `${useId()}field-${name}`;
  // Free text takes the direction of what is typed (English in an Arabic page and vice versa).
  const dir = !type || type === "text" ? "auto" : undefined;
  const describedBy = [hint ? `${id}-hint` : null, code ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const control = {
    dir,
    ...input,
    ...form.register(name),
    id,
    className: `form-control${type === "color" ? " form-control-color" : ""}${code ? " is-invalid" : ""}`,
    "aria-invalid": !!code,
    "aria-required": required,
    "aria-describedby": describedBy,
  };
  return (
    <div className="mb-3">
      <label className="form-label" htmlFor={id}>
        {label}
        {required && <span aria-hidden className="text-danger ms-1">*</span>}
      </label>
      {as === "textarea" ? <textarea {...control} /> : <input type={type} {...control} />}
      {hint && (
        <small id={`${id}-hint`} className="d-block form-text">
          {hint}
        </small>
      )}
      <div className="invalid-feedback" id={`${id}-error`}>
        {code ? t(isErrorCode(code) ? code : "invalid_data") : null}
      </div>
    </div>
  );
}
