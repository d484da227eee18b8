import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { pendingLoginOf } from "@/lib/auth/login";
import { VerifyForm } from "./_components/VerifyForm";

export async function generateMetadata() {
  return { title: (await getTranslations("twoFactor"))("verify_title") };
}

/** A login's second step. Without a live pending login (none, used, or older than 5 minutes) there is nothing to verify. */
export default async function VerifyLoginPage() {
  if (!(await pendingLoginOf(await headers()))) redirect("/login");
  const t = await getTranslations("twoFactor");
  return (
    <div className="card">
      <div className="card-body p-4">
        <h1 className="h3 mb-2">{t("verify_title")}</h1>
        <p className="text-body-secondary">{t("verify_text")}</p>
        <VerifyForm />
        <p className="mt-3 mb-0 text-center">
          <Link href="/login">{t("verify_back")}</Link>
        </p>
      </div>
    </div>
  );
}
