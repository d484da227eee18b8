import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PASSWORD_RESET_MINUTES } from "@/lib/db/account-tokens";
import { ForgotPasswordForm } from "./_components/ForgotPasswordForm";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("forgot_title") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  return (
    <div className="card">
      <div className="card-body p-4">
        <h1 className="h3 mb-3">{t("forgot_title")}</h1>
        <ForgotPasswordForm minutes={PASSWORD_RESET_MINUTES} />
        <p className="mt-3 mb-0 text-center">
          <Link href="/login">{t("back_to_login")}</Link>
        </p>
      </div>
    </div>
  );
}
