import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { BotAvatar } from "@/components/chatbots/BotAvatar";
import { TEMPLATES, TEMPLATE_QA } from "@/lib/chatbots/templates";
import { UseTemplateButton } from "./_components/UseTemplateButton";

export async function generateMetadata() {
  return { title: (await getTranslations("templates"))("title") };
}

/** "New chatbot": a gallery of starting points, each filled in the maker's language; Blank is the plain form. */
export default async function TemplatesPage() {
  await requireUser();
  const t = await getTranslations("templates");
  return (
    <>
      <h1 className="h3 mb-2">{t("title")}</h1>
      <p className="text-body-secondary mb-4 col-lg-9">{t("lead")}</p>
      <h2 className="visually-hidden">{t("gallery")}</h2>
      <ul className="row g-3 list-unstyled" data-testid="template-gallery">
        {TEMPLATES.map((template) => (
          <li key={template.id} className="col-sm-6 col-lg-4">
            <div className="card h-100 template-card">
              <div className="card-body d-flex flex-column gap-2">
                <div className="d-flex align-items-center gap-2">
                  <BotAvatar bot={{ avatarIcon: template.icon, avatarColor: template.color }} />
                  <h3 className="h5 mb-0">{t(`${template.id}.label`)}</h3>
                </div>
                <p className="mb-0">{t(`${template.id}.summary`)}</p>
                <p className="small text-body-secondary">
                  <i className="bi bi-question-circle me-1" aria-hidden />
                  {t("qa_count", { count: TEMPLATE_QA })}
                </p>
                <UseTemplateButton template={template.id} label={t(`${template.id}.label`)} />
              </div>
            </div>
          </li>
        ))}
        <li className="col-sm-6 col-lg-4">
          <div className="card h-100 template-card template-card-blank">
            <div className="card-body d-flex flex-column gap-2">
              <div className="d-flex align-items-center gap-2">
                <span className="bot-avatar bot-avatar-md bot-avatar-blank" aria-hidden>
                  <i className="bi bi-plus-lg" />
                </span>
                <h3 className="h5 mb-0">{t("blank_label")}</h3>
              </div>
              <p>{t("blank_summary")}</p>
              <Link href="/chatbots/new" className="btn btn-outline-primary w-100 mt-auto">
                {t("blank_action")}
              </Link>
            </div>
          </div>
        </li>
      </ul>
    </>
  );
}
