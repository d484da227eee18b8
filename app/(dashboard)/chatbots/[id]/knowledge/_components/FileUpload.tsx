"use client";

import { useId, useState, useTransition, type DragEvent } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import FormControl from "react-bootstrap/FormControl";
import FormLabel from "react-bootstrap/FormLabel";
import Spinner from "react-bootstrap/Spinner";
import { useErrorText } from "@/components/ui/useErrorText";

type Row = { key: number; name: string; state: "uploading" | "queued" | "refused"; code?: string };
const ACCEPT = ".pdf,.docx,.txt,.md,.markdown,.csv,.html,.htm,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain,text/markdown,text/csv,text/html";
let nextKey = 0;

/** What the upload route answered for one file: queued, or refused with a code. */
async function send(botId: string, file: File): Promise<{ ok: boolean; code?: string }> {
  const body = new FormData();
  body.append("file", file);
  try {
    const response = await fetch(`/api/chatbots/${botId}/knowledge/files`, { method: "POST", body });
    const data = (await response.json().catch(() => ({}))) as { results?: { ok: boolean; code?: string }[]; code?: string };
    if (response.ok && data.results?.[0]) return data.results[0];
    // The body alone went over the cap: this file is too large.
    return { ok: false, code: data.code === "payload_too_large" ? "file_too_large" : (data.code ?? "server_error") };
  } catch {
    return { ok: false, code: "server_error" };
  }
}

/**
 * Documents by choosing or dropping them: each file is sent on its own (one large file cannot hold
 * the others back) and gets its own row, queued or refused with its reason; the sources table
 * below takes over from there.
 */
export function FileUpload({ botId, maxFileBytes }: { botId: string; maxFileBytes: number }) {
  const t = useTranslations("knowledgeSources");
  const errorText = useErrorText();
  const router = useRouter();
  const id = useId();
  const [rows, setRows] = useState<Row[]>([]);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [, startRefresh] = useTransition();

  async function upload(files: File[]) {
    if (!files.length) return;
    const added = files.map((file) => ({ key: nextKey++, name: file.name, state: "uploading" as const }));
    setRows((current) => [...added, ...current]);
    setBusy(true);
    const update = (key: number, row: Partial<Row>) => setRows((current) => current.map((r) => (r.key === key ? { ...r, ...row } : r)));
    for (const [i, file] of files.entries()) {
      // Refused here without sending megabytes the server would refuse too.
      const result = file.size > maxFileBytes ? { ok: false, code: "file_too_large" } : file.size === 0 ? { ok: false, code: "file_empty" } : await send(botId, file);
      update(added[i].key, result.ok ? { state: "queued" } : { state: "refused", code: result.code });
    }
    setBusy(false);
    startRefresh(() => router.refresh());
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    void upload([...event.dataTransfer.files]);
  }

  return (
    <div>
      <div
        className={`border border-2 rounded p-3 mb-3 ${over ? "border-primary bg-primary-subtle" : ""}`}
        style={{ borderStyle: "dashed" }}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <FormLabel htmlFor={`${id}-file`} className="d-block">
          <i className="bi bi-cloud-arrow-up me-2" aria-hidden />
          {t("files_drop")}
        </FormLabel>
        <FormControl
          id={`${id}-file`}
          type="file"
          name="file"
          multiple
          accept={ACCEPT}
          disabled={busy}
          aria-describedby={`${id}-types`}
          onChange={(event) => {
            const input = event.target as HTMLInputElement;
            const files = [...(input.files ?? [])];
            input.value = "";
            void upload(files);
          }}
        />
        <div id={`${id}-types`} className="form-text">
          {t("files_types")}
        </div>
      </div>
      {rows.length > 0 && (
        <ul className="list-group" aria-live="polite" data-testid="upload-rows">
          {rows.map((row) => (
            <li key={row.key} className="list-group-item d-flex flex-wrap gap-2 align-items-center" data-testid="upload-row" data-state={row.state}>
              <bdi className="text-break fw-semibold">{row.name}</bdi>
              {row.state === "uploading" && (
                <span className="text-body-secondary small">
                  <Spinner animation="border" size="sm" className="me-1" aria-hidden />
                  {t("upload_sending")}
                </span>
              )}
              {row.state === "queued" && (
                <span className="text-success small">
                  <i className="bi bi-check-circle me-1" aria-hidden />
                  {t("upload_queued")}
                </span>
              )}
              {row.state === "refused" && (
                <span className="text-danger small">
                  <i className="bi bi-x-circle me-1" aria-hidden />
                  {errorText(row.code ?? "server_error")}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
