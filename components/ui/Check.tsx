import type { InputHTMLAttributes, ReactNode } from "react";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { id: string; label: ReactNode; type?: "checkbox" | "radio" | "switch"; isInvalid?: boolean };

/** A checkbox, radio button or switch with its label, in Bootstrap's form-check markup. */
export function Check({ id, label, type = "checkbox", isInvalid, className, ...input }: Props) {
  return (
    <div className={`${className ? `${className} ` : ""}form-check${type === "switch" ? " form-switch" : ""}`}>
      <input {...input} type={type === "switch" ? "checkbox" : type} id={id} className={`form-check-input${isInvalid ? " is-invalid" : ""}`} />
      <label htmlFor={id} className="form-check-label">
        {label}
      </label>
    </div>
  );
}
