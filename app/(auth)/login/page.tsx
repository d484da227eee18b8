import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "./_components/LoginForm";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("login_title") };
}

export default async function LoginPage() {
  const t = await getTranslations("auth");
  return (
    <div className="card">
      <div className="card-body p-4">
        <h1 className="h3 mb-4">{t("login_title")}</h1>
        <LoginForm />
        <p className="mt-3 mb-0 text-center">
          <Link href="/forgot-password">{t("forgot_link")}</Link>
        </p>
        <p className="mt-3 mb-0 text-center">
          {t("no_account")} <Link href="/register">{t("register_link")}</Link>
        </p>
      </div>
    </div>
  );
}
