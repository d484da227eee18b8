import type { ButtonHTMLAttributes } from "react";

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: string; size?: "sm" | "lg" };

/** Bootstrap's button markup (`btn btn-<variant> btn-<size>`); a plain button, not a submit, unless told. */
export function Button({ variant = "primary", size, className, type = "button", ...props }: Props) {
  return <button {...props} type={type} className={`${className ? `${className} ` : ""}btn btn-${variant}${size ? ` btn-${size}` : ""}`} />;
}
