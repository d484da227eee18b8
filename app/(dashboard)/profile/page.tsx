import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { ResendVerification } from "@/components/ResendVerification";
import { getProfile } from "@/lib/db/users";
import { mailConfigured } from "@/lib/mail";
import { isLocale, DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { PasswordForm } from "./_components/PasswordForm";
import { ProfileForm } from "./_components/ProfileForm";
import { SignOutEverywhere } from "./_components/SignOutEverywhere";

export async function generateMetadata() {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePage() {
  const user = await requireUser();
  const profile = await getProfile(user);
  const t = await getTranslations("profile");
  const format = await getFormatter();

  return (
    <div className="row g-4">
      <div className="col-12">
        <h1 className="h3 mb-1">{t("title")}</h1>
        <p className="text-body-secondary mb-0">
          <span className="me-2">@{profile.username}</span>·
          <span className="ms-2" data-testid="member-since">
            {t("member_since", { date: format.dateTime(profile.createdAt, { dateStyle: "long" }) })}
          </span>
        </p>
      </div>
      <section className="col-lg-6" aria-labelledby="details-title">
        <div className="card h-100">
          <div className="card-body">
            <h2 id="details-title" className="h5 mb-3">
              {t("details")}
            </h2>
            {(profile.pendingEmail || (mailConfigured() && !profile.emailVerified)) && (
              <div className="alert alert-info d-flex flex-wrap align-items-center gap-2" data-testid="email-status">
                <span className="me-auto">{profile.pendingEmail ? t("email_pending", { email: profile.pendingEmail }) : t("email_unverified")}</span>
                <ResendVerification />
              </div>
            )}
            <ProfileForm
              profile={{ firstName: profile.firstName, lastName: profile.lastName, email: profile.email, locale: isLocale(profile.locale) ? profile.locale : DEFAULT_LOCALE }}
            />
          </div>
        </div>
      </section>
      <section className="col-lg-6" aria-labelledby="password-title">
        <div className="card h-100">
          <div className="card-body">
            <h2 id="password-title" className="h5 mb-3">
              {t("password_title")}
            </h2>
            <PasswordForm />
          </div>
        </div>
      </section>
      <section className="col-12" aria-labelledby="sessions-title">
        <div className="card">
          <div className="card-body">
            <h2 id="sessions-title" className="h5 mb-3">
              {t("sessions_title")}
            </h2>
            <SignOutEverywhere />
            <p className="mt-3 mb-0">
              <Link href="/profile/security">
                <i className="bi bi-shield-lock me-1" aria-hidden />
                {t("security_link")}
              </Link>
            </p>
          </div>
        </div>
      </section>
    </div>
  );
}
