import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { accountLinkHolds } from "@/lib/db/account-tokens";
import { ResetPasswordForm } from "./_components/ResetPasswordForm";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("reset_title") };
}

type SearchParams = Promise<{ token?: string | string[] }>;

/** Opened from the mailed link: the form while the link holds, else a way to ask for a new one. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const t = await getTranslations("auth");
  const { token } = await searchParams;
  const holds = typeof token === "string" && (await accountLinkHolds(token, "password_reset"));
  return (
    <div className="card">
      <div className="card-body p-4">
        <h1 className="h3 mb-3">{t("reset_title")}</h1>
        {holds ? (
          <ResetPasswordForm token={token} />
        ) : (
          <>
            <div className="alert alert-warning" role="alert" data-testid="reset-invalid">
              {t("reset_invalid")}
            </div>
            <Link className="btn btn-primary w-100" href="/forgot-password">
              {t("reset_request_new")}
            </Link>
          </>
        )}
      </div>
    </div>
  );
}
