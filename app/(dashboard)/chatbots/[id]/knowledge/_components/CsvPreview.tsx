"use client";

import { useTranslations } from "next-intl";
import Alert from "react-bootstrap/Alert";
import Button from "react-bootstrap/Button";
import type { CsvPreview as Preview } from "@/app/(dashboard)/chatbots/[id]/knowledge/actions";
import type { CsvRowError } from "@/lib/validation/knowledge-csv";
import { KNOWLEDGE_LIMITS } from "@/lib/validation/limits";

export type Chosen = { name: string; csv: string; preview: Preview };
/** Problems listed before "…and N more": enough to see the pattern. */
const SHOWN = 50;

type Props = { refusal: string | null; chosen: Chosen | null; importing: boolean; onConfirm: () => void; onCancel: () => void };

/** What a chosen CSV holds: its rows, each bad row's problem in plain words, the questions already there; or why the file was refused. */
export default function CsvPreview({ refusal, chosen, importing, onConfirm, onCancel }: Props) {
  const t = useTranslations("knowledge");

  function problem(e: CsvRowError) {
    if (e.field === "row") return t("problem_columns", { row: e.row, cells: e.cells ?? 0 });
    if (e.code === "required" || e.code === "too_long") return t(`problem_${e.field}_${e.code}`, { row: e.row, max: KNOWLEDGE_LIMITS[e.field] });
    return t("problem_other", { row: e.row });
  }

  const preview = chosen?.preview;
  return (
    <>
      {refusal && (
        <Alert variant="danger" className="mt-3 mb-0" data-testid="csv-refused">
          {refusal}
        </Alert>
      )}
      {chosen && preview && (
        <section className="mt-3" aria-labelledby="csv-preview-title" data-testid="csv-preview">
          <h3 id="csv-preview-title" className="h6">
            {t("preview_title")}
          </h3>
          <p className="mb-2" data-testid="csv-rows">
            {t("preview_rows", { count: preview.rows, file: chosen.name })}
          </p>
          {preview.rowErrors.length > 0 && (
            <Alert variant="danger">
              <p className="mb-1">{t("preview_problems")}</p>
              <ul className="mb-0" data-testid="csv-errors">
                {preview.rowErrors.slice(0, SHOWN).map((e) => (
                  <li key={`${e.row}-${e.field}`}>{problem(e)}</li>
                ))}
                {preview.rowErrors.length > SHOWN && <li>{t("problem_more", { count: preview.rowErrors.length - SHOWN })}</li>}
              </ul>
            </Alert>
          )}
          {preview.duplicates.length > 0 && (
            <Alert variant="warning">
              <p className="mb-1">{t("preview_duplicates")}</p>
              <ul className="mb-0" data-testid="csv-duplicates">
                {preview.duplicates.slice(0, SHOWN).map((d) => (
                  <li key={d.row}>
                    {t("duplicate_row", { row: d.row })} <q dir="auto">{d.question}</q>
                  </li>
                ))}
                {preview.duplicates.length > SHOWN && <li>{t("duplicates_more", { count: preview.duplicates.length - SHOWN })}</li>}
              </ul>
            </Alert>
          )}
          {preview.rowErrors.length === 0 && <p className="mb-2">{t("preview_new", { count: preview.toImport })}</p>}
          <div className="d-flex flex-wrap gap-2">
            <Button onClick={onConfirm} disabled={importing || preview.toImport === 0}>
              {t("import_confirm", { count: preview.toImport })}
            </Button>
            <Button variant="outline-secondary" onClick={onCancel} disabled={importing}>
              {t("cancel")}
            </Button>
          </div>
        </section>
      )}
    </>
  );
}
