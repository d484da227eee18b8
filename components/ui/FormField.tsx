"use client";

import { useId, type ReactNode } from "react";
import Feedback from "react-bootstrap/Feedback";
import FormControl from "react-bootstrap/FormControl";
import FormGroup from "react-bootstrap/FormGroup";
import FormLabel from "react-bootstrap/FormLabel";
import FormText from "react-bootstrap/FormText";
import { useTranslations } from "next-intl";
import { get, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { isErrorCode } from "@/lib/errors";

type Props<T extends FieldValues> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: UseFormReturn<T, any, any>;
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

/** A labelled react-bootstrap control registered with react-hook-form; its error code shows as translated text under it. */
export function FormField<T extends FieldValues>({ form, name, label, hint, required, type, ...input }: Props<T>) {
  const t = useTranslations("errors");
  const code = (get(form.formState.errors, name) as { message?: unknown } | undefined)?.message;
  // Unique per form, so two forms with the same fields on one page keep their labels apart.
  const id = `${useId()}field-${name}`;
  // Free text takes the direction of what is typed (English in an Arabic page and vice versa).
  const dir = !type || type === "text" ? "auto" : undefined;
  const describedBy = [hint ? `${id}-hint` : null, code ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  // The saved value in the server's HTML too, before react-hook-form takes the field over.
  const saved = get(form.formState.defaultValues, name) as string | number | null | undefined;
  return (
    <FormGroup className="mb-3" controlId={id}>
      <FormLabel>
        {label}
        {required && <span aria-hidden className="text-danger ms-1">*</span>}
      </FormLabel>
      <FormControl
        dir={dir}
        type={type}
        defaultValue={saved ?? undefined}
        {...input}
        {...form.register(name)}
        className={type === "color" ? "form-control-color" : undefined}
        isInvalid={!!code}
        aria-invalid={!!code}
        aria-required={required}
        aria-describedby={describedBy}
      />
      {hint && (
        <FormText id={`${id}-hint`} className="d-block">
          {hint}
        </FormText>
      )}
      <Feedback type="invalid" id={`${id}-error`}>
        {code ? t(typeof code === "string" && isErrorCode(code) ? code : "invalid_data") : null}
      </Feedback>
    </FormGroup>
  );
}
