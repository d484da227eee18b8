"use client";

import { useId, type ReactNode } from "react";
import Form from "react-bootstrap/Form";
import { useTranslations } from "next-intl";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { isErrorCode } from "@/lib/errors";

type Props<T extends FieldValues> = {
  form: UseFormReturn<T>;
  name: Path<T>;
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

/** A labelled input whose error code shows as translated text under it. */
export function FormField<T extends FieldValues>({ form, name, label, hint, required, ...input }: Props<T>) {
  const t = useTranslations("errors");
  const code = form.formState.errors[name]?.message;
  // Unique per form, so two forms with the same fields on one page keep their labels apart.
  const id = `${useId()}field-${name}`;
  // Free text takes the direction of what is typed (English in an Arabic page and vice versa).
  const dir = !input.type || input.type === "text" ? "auto" : undefined;
  const describedBy = [hint ? `${id}-hint` : null, code ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <Form.Group className="mb-3" controlId={id}>
      <Form.Label>
        {label}
        {required && <span aria-hidden className="text-danger ms-1">*</span>}
      </Form.Label>
      <Form.Control dir={dir} {...input} {...form.register(name)} isInvalid={!!code} aria-invalid={!!code} aria-required={required} aria-describedby={describedBy} />
      {hint && (
        <Form.Text id={`${id}-hint`} className="d-block">
          {hint}
        </Form.Text>
      )}
      <Form.Control.Feedback type="invalid" id={`${id}-error`}>
        {code ? t(isErrorCode(code) ? code : "invalid_data") : null}
      </Form.Control.Feedback>
    </Form.Group>
  );
}
