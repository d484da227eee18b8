"use client";

import { useState, useTransition, type ChangeEvent } from "react";
import { useTranslations } from "next-intl";
import { importKnowledgeAction, type ImportResult } from "@/app/(dashboard)/chatbots/[id]/knowledge/actions";
import { useToast } from "@/components/ui/Toasts";
import { isErrorCode } from "@/lib/errors";
import type { CsvRowError } from "@/lib/validation/knowledge-csv";

const MAX_BYTES = 800_000;

export function CsvImport({ botId }: { botId: string }) {
  const t = useTranslations("knowledge");
  const tErrors = useTranslations("errors");
  const toast = useToast();
  const [rowErrors, setRowErrors] = useState<CsvRowError[]>([]);
  const [pending, startTransition] = useTransition();

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    setRowErrors([]);
    if (!file) return;
    if (file.size > MAX_BYTES) return toast.error(tErrors("csv_too_large"));
    const csv = await file.text();
    startTransition(async () => {
      let result: ImportResult;
      try {
        result = await importKnowledgeAction.bind(null, botId)({ csv });
      } catch {
        result = { ok: false, code: "server_error" };
      }
      if (result.ok) return toast.success(t("imported", { count: result.data.imported }));
      if ("rowErrors" in result) setRowErrors(result.rowErrors);
      toast.error(tErrors(isErrorCode(result.code) ? result.code : "server_error"));
    });
  }

  return (
    <div>
      <div>
        <label className="form-label" htmlFor="csv-import">
          {t("import_label")}
        </label>
        <input id="csv-import" className="form-control" type="file" accept=".csv,text/csv" onChange={onFile} disabled={pending} aria-describedby="csv-import-hint" />
        <small id="csv-import-hint" className="form-text">
          {t("import_hint")}
        </small>
      </div>
      {rowErrors.length > 0 && (
        <div className="alert alert-danger mt-3" role="alert">
          <p className="mb-1">{t("import_failed")}</p>
          <ul className="mb-0" data-testid="csv-errors">
            {rowErrors.slice(0, 50).map((e) => (
              <li key={`${e.row}-${e.field}`}>
                {t("row_error", { row: e.row, field: e.field === "row" ? t("whole_row") : t(e.field) })} {tErrors(isErrorCode(e.code) ? e.code : "invalid_data")}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
