import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RegisterForm } from "./_components/RegisterForm";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("register_title") };
}

export default async function RegisterPage() {
  const t = await getTranslations("auth");
  return (
    <div className="card">
      <div className="card-body p-4">
        <h1 className="h3 mb-4">{t("register_title")}</h1>
        <RegisterForm />
        <p className="mt-3 mb-0 text-center">
          {t("have_account")} <Link href="/login">{t("login_link")}</Link>
        </p>
      </div>
    </div>
  );
}
