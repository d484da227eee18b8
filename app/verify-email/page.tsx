import { getTranslations } from "next-intl/server";
import { VerifyEmailForm } from "./_components/VerifyEmailForm";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("verify_title") };
}

type SearchParams = Promise<{ token?: string | string[] }>;

/**
 * Opened from the mailed link, signed in or not. The page only offers the button: opening a link
 * (a mail scanner does) changes nothing; the button's post does.
 */
export default async function VerifyEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const t = await getTranslations("auth");
  const { token } = await searchParams;
  return (
    <div className="container">
      <div className="row justify-content-center">
        <div className="col-sm-10 col-md-8 col-lg-6 col-xl-5">
          <div className="card">
            <div className="card-body p-4">
              <h1 className="h3 mb-3">{t("verify_title")}</h1>
              <VerifyEmailForm token={typeof token === "string" ? token : ""} />
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
