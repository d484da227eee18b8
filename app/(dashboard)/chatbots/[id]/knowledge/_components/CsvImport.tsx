"use client";

import { lazy, Suspense, useState, useTransition, type ChangeEvent } from "react";
import { useTranslations } from "next-intl";
import FormControl from "react-bootstrap/FormControl";
import FormGroup from "react-bootstrap/FormGroup";
import FormLabel from "react-bootstrap/FormLabel";
import FormText from "react-bootstrap/FormText";
import { importKnowledgeAction, previewKnowledgeCsvAction } from "@/app/(dashboard)/chatbots/[id]/knowledge/actions";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useErrorText } from "@/components/ui/useErrorText";
import type { Chosen } from "./CsvPreview";

const MAX_BYTES = 800_000;
// What the file holds is drawn once one is chosen: its alerts are not in the page's first load.
const CsvPreview = lazy(() => import("./CsvPreview"));

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

/** CSV import in two steps: choosing a file shows what it holds and what is wrong; only "Import" writes. */
export function CsvImport({ botId }: { botId: string }) {
  const t = useTranslations("knowledge");
  const toast = useToast();
  const errorText = useErrorText();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [reading, startReading] = useTransition();
  const [run, importing] = useAction();

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

  return (
    <div>
      <FormGroup controlId="csv-import">
        <FormLabel>{t("import_label")}</FormLabel>
        <FormControl type="file" accept=".csv,text/csv" onChange={onFile} disabled={reading || importing} aria-describedby="csv-import-hint" />
        <FormText id="csv-import-hint">{t("import_hint")}</FormText>
      </FormGroup>
      {(refusal || chosen) && (
        <Suspense fallback={null}>
          <CsvPreview refusal={refusal} chosen={chosen} importing={importing} onConfirm={confirm} onCancel={() => setChosen(null)} />
        </Suspense>
      )}
    </div>
  );
}
