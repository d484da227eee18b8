import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { listOutbox } from "@/lib/db/outbox";
import { mailConfigured } from "@/lib/mail";
import { AdminTabs, adminOnly } from "../_components/AdminTabs";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("tab_mail") };
}

/** A line of a kept message: a link on its own line is clickable (a development convenience), the rest text. */
function Line({ line }: { line: string }) {
  if (/^https?:\/\/\S+$/.test(line)) return <a href={line}>{line}</a>;
  return <>{line}</>;
}

/** The outbox: mail kept instead of sent while no SMTP server is configured, for an admin. */
export default async function AdminMailPage() {
  const user = await requireUser();
  const mails = await adminOnly(listOutbox(user));
  const t = await getTranslations("admin");
  const format = await getFormatter();
  return (
    <>
      <AdminTabs current="mail" />
      <p className="text-body-secondary">{mailConfigured() ? t("mail_configured") : t("mail_outbox_intro")}</p>
      {mails.length === 0 ? (
        <p data-testid="outbox-empty">{t("mail_empty")}</p>
      ) : (
        <ul className="list-unstyled" data-testid="outbox">
          {mails.map((mail) => (
            <li key={mail.id} className="card mb-2">
              <details className="card-body">
                <summary>
                  <span className="small text-body-secondary me-2">{format.dateTime(mail.createdAt, { dateStyle: "short", timeStyle: "medium" })}</span>
                  <bdi className="me-2">{mail.to}</bdi>
                  <span className="badge text-bg-secondary me-2">{mail.kind}</span>
                  <span dir="auto">{mail.subject}</span>
                </summary>
                <div className="mt-2 small text-break" dir="auto" style={{ whiteSpace: "pre-wrap" }}>
                  {mail.text.split("\n").map((line, i) => (
                    <div key={i}>
                      <Line line={line} />
                    </div>
                  ))}
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
