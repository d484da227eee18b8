"use client";

import { useState, useTransition, type ChangeEvent } from "react";
import { useTranslations } from "next-intl";
import Alert from "react-bootstrap/Alert";
import Button from "react-bootstrap/Button";
import Form from "react-bootstrap/Form";
import { importKnowledgeAction, previewKnowledgeCsvAction, type CsvPreview } from "@/app/(dashboard)/chatbots/[id]/knowledge/actions";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useErrorText } from "@/components/ui/useErrorText";
import type { CsvRowError } from "@/lib/validation/knowledge-csv";
import { KNOWLEDGE_LIMITS } from "@/lib/validation/limits";

const MAX_BYTES = 800_000;
/** Problems listed before "…and N more": enough to see the pattern. */
const SHOWN = 50;

/**
 * The file's text, or null when it is not text: a NUL byte, or bytes that are not UTF-8 (a
 * spreadsheet or an image renamed .csv). Decoding such a file anyway would show garbage rows.
 */
async function readText(file: File): Promise<string | null> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

type Chosen = { name: string; csv: string; preview: CsvPreview };

/** CSV import in two steps: choosing a file shows what it holds and what is wrong; only "Import" writes. */
export function CsvImport({ botId }: { botId: string }) {
  const t = useTranslations("knowledge");
  const toast = useToast();
  const errorText = useErrorText();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [reading, startReading] = useTransition();
  const [run, importing] = useAction();

  function problem(e: CsvRowError) {
    if (e.field === "row") return t("problem_columns", { row: e.row, cells: e.cells ?? 0 });
    if (e.code === "required" || e.code === "too_long") return t(`problem_${e.field}_${e.code}`, { row: e.row, max: KNOWLEDGE_LIMITS[e.field] });
    return t("problem_other", { row: e.row });
  }

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    setChosen(null);
    setRefusal(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return setRefusal(errorText("csv_too_large"));
    startReading(async () => {
      const csv = await readText(file);
      if (csv === null) return setRefusal(errorText("csv_not_text"));
      let result;
      try {
        result = await previewKnowledgeCsvAction.bind(null, botId)({ csv });
      } catch {
        result = { ok: false as const, code: "server_error" as const };
      }
      if (result.ok) setChosen({ name: file.name, csv, preview: result.data });
      else setRefusal(errorText(result.code, result.retryAfter));
    });
  }

  async function confirm() {
    if (!chosen) return;
    const result = await run(() => importKnowledgeAction.bind(null, botId)({ csv: chosen.csv }));
    if (!result.ok) return;
    const { imported, skipped } = result.data;
    toast.success(skipped ? `${t("imported", { count: imported })} ${t("skipped", { count: skipped })}` : t("imported", { count: imported }));
    setChosen(null);
  }

  const preview = chosen?.preview;
  return (
    <div>
      <Form.Group controlId="csv-import">
        <Form.Label>{t("import_label")}</Form.Label>
        <Form.Control type="file" accept=".csv,text/csv" onChange={onFile} disabled={reading || importing} aria-describedby="csv-import-hint" />
        <Form.Text id="csv-import-hint">{t("import_hint")}</Form.Text>
      </Form.Group>
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
            <Button onClick={confirm} disabled={importing || preview.toImport === 0}>
              {t("import_confirm", { count: preview.toImport })}
            </Button>
            <Button variant="outline-secondary" onClick={() => setChosen(null)} disabled={importing}>
              {t("cancel")}
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}
