"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import FormControl from "react-bootstrap/FormControl";
import FormLabel from "react-bootstrap/FormLabel";
import { confirmTwoFactorAction, disableTwoFactorAction, regenerateRecoveryCodesAction, startTwoFactorAction } from "@/app/(dashboard)/profile/security/actions";
import { FormError } from "@/components/ui/FormError";
import { FormField } from "@/components/ui/FormField";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useZodForm } from "@/components/ui/useZodForm";

const codeSchema = () => import("@/lib/validation/two-factor").then((m) => m.twoFactorCodeSchema);
const offSchema = () => import("@/lib/validation/two-factor").then((m) => m.twoFactorOffSchema);

type Props = {
  status: { enabled: boolean; recoveryCodesLeft: number };
  setup: { secret: string; qr: string } | null;
};

/** Switching the authenticator app on (QR code, secret, a code to confirm), its recovery codes, and switching it off. */
export function TwoFactorPanel({ status, setup }: Props) {
  const t = useTranslations("twoFactor");
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [run, pending] = useAction();

  if (codes) return <RecoveryCodes codes={codes} onDone={() => (setCodes(null), router.refresh())} />;
  if (status.enabled) {
    return (
      <>
        <p>
          <span className="badge text-bg-success me-2">{t("on")}</span>
          {t("codes_left", { count: status.recoveryCodesLeft })}
        </p>
        <div className="row g-4">
          <div className="col-lg-6">
            <h3 className="h6">{t("regenerate_title")}</h3>
            <CodeForm submit={t("regenerate_submit")} action={regenerateRecoveryCodesAction} onCodes={setCodes} />
          </div>
          <div className="col-lg-6">
            <h3 className="h6">{t("off_title")}</h3>
            <DisableForm />
          </div>
        </div>
      </>
    );
  }
  if (setup) {
    return (
      <div className="row g-4">
        <div className="col-md-auto">
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: image drawn on our server, nothing to optimise */}
          <img src={setup.qr} width={220} height={220} alt={t("qr_alt")} className="border rounded bg-white" data-testid="totp-qr" />
        </div>
        <div className="col-md">
          <p>{t("setup_scan")}</p>
          <FormLabel htmlFor="totp-secret">{t("secret_label")}</FormLabel>
          <FormControl id="totp-secret" name="totpSecret" readOnly value={setup.secret} className="font-monospace mb-3" dir="ltr" onFocus={(e) => e.currentTarget.select()} />
          <CodeForm submit={t("confirm_submit")} action={confirmTwoFactorAction} onCodes={setCodes} />
        </div>
      </div>
    );
  }
  return (
    <>
      <p className="text-body-secondary">{t("off_text")}</p>
      <Button disabled={pending} onClick={() => run(startTwoFactorAction)}>
        <i className="bi bi-shield-lock me-1" aria-hidden />
        {t("start")}
      </Button>
    </>
  );
}

type CodeAction = (input: unknown) => Promise<import("@/lib/actions/action").ActionResult<{ codes: string[] }>>;

/** A code from the app: to confirm the setup, or to ask for new recovery codes. */
function CodeForm({ submit, action, onCodes }: { submit: string; action: CodeAction; onCodes: (codes: string[]) => void }) {
  const t = useTranslations("twoFactor");
  const form = useZodForm(codeSchema, { defaultValues: { code: "" } });
  const [run, isPending, error] = useAction(form, { inline: true });
  const onSubmit = form.handleSubmit((values) => run(() => action(values), ({ codes }) => onCodes(codes)));
  return (
    <form method="post" {...form.formProps} onSubmit={onSubmit}>
      <FormField form={form} name="code" label={t("code")} autoComplete="one-time-code" required />
      <SubmitButton pending={isPending}>{submit}</SubmitButton>
      <FormError error={error} />
    </form>
  );
}

function DisableForm() {
  const t = useTranslations("twoFactor");
  const toast = useToast();
  const form = useZodForm(offSchema, { defaultValues: { password: "", code: "" } });
  const [run, isPending, error] = useAction(form, { inline: true });
  const onSubmit = form.handleSubmit((values) => run(() => disableTwoFactorAction(values), () => toast.success(t("switched_off"))));
  return (
    <form method="post" {...form.formProps} onSubmit={onSubmit}>
      <FormField form={form} name="password" label={t("password")} type="password" autoComplete="current-password" required />
      <FormField form={form} name="code" label={t("code_or_recovery")} autoComplete="one-time-code" required />
      <SubmitButton pending={isPending} variant="outline-danger">
        {t("off_submit")}
      </SubmitButton>
      <FormError error={error} />
    </form>
  );
}

/** Recovery codes, shown this once. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useTranslations("twoFactor");
  return (
    <div data-testid="recovery-codes">
      <div className="alert alert-warning" role="status">
        {t("codes_once")}
      </div>
      <ul className="list-unstyled font-monospace row row-cols-2 g-1 mb-3" dir="ltr" aria-label={t("codes_label")}>
        {codes.map((code) => (
          <li key={code} className="col" data-testid="recovery-code">
            {code}
          </li>
        ))}
      </ul>
      <Button onClick={onDone}>{t("codes_saved")}</Button>
    </div>
  );
}
