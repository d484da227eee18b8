import { getFormatter, getTranslations } from "next-intl/server";
import { requireOwnedBot } from "@/lib/auth/guards";
import { listUnanswered } from "@/lib/db/feedback";
import { listKnowledge } from "@/lib/db/knowledge";
import { UnansweredActions } from "./_components/UnansweredActions";

type Props = { params: Promise<{ id: string }> };

/** What visitors asked that the bot could not answer (it fell back) or answered badly (rated down), grouped by wording. */
export default async function UnansweredPage({ params }: Props) {
  const { user, bot } = await requireOwnedBot((await params).id);
  const [groups, entries] = await Promise.all([listUnanswered(user, bot.id), listKnowledge(user, bot.id)]);
  const t = await getTranslations("unanswered");
  const format = await getFormatter();
  return (
    <>
      <h2 className="h5">{t("title")}</h2>
      <p className="text-body-secondary">{t("intro")}</p>
      {groups.length === 0 ? (
        <div className="card">
          <div className="card-body text-center py-5">{t("empty")}</div>
        </div>
      ) : (
        <ol className="list-unstyled" data-testid="unanswered-list">
          {groups.map((group, index) => (
            <li key={group.messageIds[0]} className="card mb-3" data-testid="unanswered-group">
              <div className="card-body">
                <h3 className="h6 text-break" dir="auto">
                  {group.question}
                </h3>
                <p className="small text-body-secondary mb-2">
                  {t("asked", { count: group.count })}
                  {group.ratedDown > 0 && <> · {t("rated_down", { count: group.ratedDown })}</>}
                  {group.fellBack > 0 && <> · {t("fell_back", { count: group.fellBack })}</>} · {t("last", { date: format.dateTime(group.lastAt, { dateStyle: "medium", timeStyle: "short" }) })}
                </p>
                {group.wordings.length > 1 && (
                  <>
                    <p className="small mb-1">{t("wordings")}</p>
                    <ul className="small mb-2" data-testid="wordings">
                      {group.wordings.map((w) => (
                        <li key={w} dir="auto" className="text-break">
                          {w}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {group.comments.length > 0 && (
                  <>
                    <p className="small mb-1">{t("comments")}</p>
                    <ul className="small mb-2">
                      {group.comments.map((c, i) => (
                        <li key={i} dir="auto" className="text-break">
                          {c}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                <UnansweredActions botId={bot.id} messageIds={group.messageIds} question={group.question} entries={entries.map((e) => ({ id: e.id, question: e.question }))} index={index} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
