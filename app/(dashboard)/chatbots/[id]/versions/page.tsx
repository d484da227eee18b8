import { getFormatter, getTranslations } from "next-intl/server";
import { requireOwnedBot } from "@/lib/auth/guards";
import { sideBySide, type DiffCell } from "@/lib/chatbots/version-diff";
import { BEHAVIOUR_FIELDS, changedFields, compareVersions, draftStatus, listVersions, type Behaviour, type BehaviourField } from "@/lib/db/versions";
import { compareQuery } from "@/lib/validation/versions";
import { RestoreButton } from "./_components/RestoreButton";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string }> };

export default async function VersionsPage({ params, searchParams }: Props) {
  const { user, bot } = await requireOwnedBot((await params).id);
  const [{ published, versions }, draft] = await Promise.all([listVersions(user, bot.id), draftStatus(user, bot.id)]);
  const t = await getTranslations("versions");
  const format = await getFormatter();
  const latest = versions[0]?.number ?? 0;
  const query = compareQuery.parse(await searchParams);
  // By default: what is published against the draft (or the two newest when they are the same).
  const to = query.to ?? latest;
  const from = query.from ?? (published && published !== to ? published : Math.max(1, to - 1));
  const pair = versions.length > 1 ? await compareVersions(user, bot.id, from, to) : null;
  const unpublished = draft.unpublished;

  return (
    <>
      <h2 className="h5">{t("title")}</h2>
      <p data-testid="publish-status">
        {published ? t("published_is", { number: published }) : t("never_published")} {unpublished ? t("draft_is", { number: latest }) : t("draft_same")}
      </p>

      <ol className="list-group mb-4" aria-label={t("list_caption")} data-testid="version-list">
        {versions.map((v) => (
          <li key={v.number} className="list-group-item d-flex flex-wrap align-items-start justify-content-between gap-2" data-testid={`version-${v.number}`}>
            <div className="min-w-0">
              <h3 className="h6 mb-1">
                {t("version", { number: v.number })}
                {v.number === published && <span className="badge text-bg-success ms-2">{t("published")}</span>}
                {v.number === latest && unpublished && <span className="badge text-bg-warning ms-2">{t("draft")}</span>}
              </h3>
              <p className="small text-body-secondary mb-1">
                {t("saved_by", { date: format.dateTime(v.createdAt, { dateStyle: "medium", timeStyle: "short" }) })} <bdi className="text-break">{v.authorName}</bdi>
              </p>
              {v.note && (
                <p className="mb-0 text-break" dir="auto">
                  {v.note}
                </p>
              )}
              {v.restoredFrom !== null && <p className="small mb-0">{t("restored_from", { number: v.restoredFrom })}</p>}
            </div>
            {v.number !== latest && <RestoreButton botId={bot.id} number={v.number} />}
          </li>
        ))}
      </ol>

      {pair ? (
        <section aria-labelledby="compare-heading">
          <h2 className="h5" id="compare-heading">
            {t("compare")}
          </h2>
          <form method="get" className="d-flex flex-wrap align-items-end gap-2 mb-3">
            <VersionSelect name="from" label={t("compare_from")} value={from} numbers={versions.map((v) => v.number)} />
            <VersionSelect name="to" label={t("compare_to")} value={to} numbers={versions.map((v) => v.number)} />
            <button type="submit" className="btn btn-outline-primary">
              {t("compare_button")}
            </button>
          </form>
          {pair.from && pair.to ? <Comparison from={pair.from} to={pair.to} /> : <p>{t("compare_missing")}</p>}
        </section>
      ) : (
        <p className="text-body-secondary">{t("only_one")}</p>
      )}
    </>
  );
}

function VersionSelect({ name, label, value, numbers }: { name: string; label: string; value: number; numbers: number[] }) {
  return (
    <div>
      <label className="form-label" htmlFor={`compare-${name}`}>
        {label}
      </label>
      <select className="form-select" id={`compare-${name}`} name={name} defaultValue={value}>
        {numbers.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </div>
  );
}

type Version = Behaviour & { number: number; knowledgeVersion: number };

/** Two versions side by side: what changed, the instructions line by line, the other fields old and new. */
async function Comparison({ from, to }: { from: Version; to: Version }) {
  const t = await getTranslations("versions");
  const tBot = await getTranslations("chatbots");
  const changed = changedFields(from, to);
  const label = (field: BehaviourField) => tBot(field);
  const shown = (field: BehaviourField, v: Version) => (field === "provider" ? tBot(`provider_${v.provider}` as "provider_builtin") : String(v[field]));
  const knowledgeChanged = from.knowledgeVersion !== to.knowledgeVersion;
  const heads = (
    <thead>
      <tr>
        <th scope="col">{t("version", { number: from.number })}</th>
        <th scope="col">{t("version", { number: to.number })}</th>
      </tr>
    </thead>
  );
  return (
    <div data-testid="comparison">
      {changed.length === 0 ? (
        <p>{t("no_changes")}</p>
      ) : (
        <p>
          {t("changed_fields")}{" "}
          <span data-testid="changed-fields">{changed.map(label).join(", ")}</span>
        </p>
      )}
      {knowledgeChanged && <p className="text-body-secondary">{t("knowledge_changed")}</p>}
      {changed.includes("systemPrompt") && (
        <div className="table-responsive mb-3">
          <table className="table table-sm table-bordered diff-table" data-testid="instructions-diff">
            <caption className="caption-top">{t("instructions_diff")}</caption>
            {heads}
            <tbody>
              {sideBySide(from.systemPrompt, to.systemPrompt).map((row, i) => (
                <tr key={i}>
                  <DiffLine cell={row.left} t={t} />
                  <DiffLine cell={row.right} t={t} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {changed.some((f) => f !== "systemPrompt") && (
        <div className="table-responsive">
          <table className="table table-sm table-bordered" data-testid="fields-diff">
            <caption className="caption-top">{t("other_fields")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("field")}</th>
                <th scope="col">{t("version", { number: from.number })}</th>
                <th scope="col">{t("version", { number: to.number })}</th>
              </tr>
            </thead>
            <tbody>
              {BEHAVIOUR_FIELDS.filter((f) => f !== "systemPrompt" && changed.includes(f)).map((field) => (
                <tr key={field}>
                  <th scope="row">{label(field)}</th>
                  <td className="diff-line text-break" dir="auto">
                    {shown(field, from) || <span className="text-body-secondary">{t("empty")}</span>}
                  </td>
                  <td className="diff-line text-break" dir="auto">
                    {shown(field, to) || <span className="text-body-secondary">{t("empty")}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function DiffLine({ cell, t }: { cell: DiffCell; t: (key: "line_removed" | "line_added") => string }) {
  if (!cell) return <td className="diff-blank" />;
  const tone = cell.kind === "removed" ? "diff-removed" : cell.kind === "added" ? "diff-added" : "";
  return (
    <td className={`diff-line text-break font-monospace small ${tone}`} dir="auto">
      {cell.kind !== "same" && <span className="visually-hidden">{t(cell.kind === "removed" ? "line_removed" : "line_added")} </span>}
      {cell.text || " "}
    </td>
  );
}
