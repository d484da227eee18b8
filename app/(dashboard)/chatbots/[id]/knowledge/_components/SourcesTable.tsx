"use client";

import { useEffect, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import Badge from "react-bootstrap/Badge";
import Button from "react-bootstrap/Button";
import FormSelect from "react-bootstrap/FormSelect";
import Spinner from "react-bootstrap/Spinner";
import { deleteSourceAction, reindexSourceAction, setSyncScheduleAction } from "@/app/(dashboard)/chatbots/[id]/knowledge/source-actions";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { useErrorText } from "@/components/ui/useErrorText";
import { isErrorCode } from "@/lib/errors";
import { SYNC_SCHEDULES } from "@/lib/validation/limits";
import { isBusy, type SourceStatus, type SourceView } from "./source-view";

const POLL_MS = 2000;
const STATUS_BG: Record<SourceStatus, string> = { queued: "secondary", processing: "info", ready: "success", failed: "danger" };

/**
 * A bot's sources of some kinds with their status. While any is queued or processing it asks the
 * status route every two seconds (one request at a time, stopped when all are done and when the
 * table goes away), so progress shows without reloading the page.
 */
export function SourcesTable({ botId, kinds, initial }: { botId: string; kinds: string[]; initial: SourceView[] }) {
  const t = useTranslations("knowledgeSources");
  const [sources, setSources] = useState(initial);
  // New rows from the server (after an upload or an action) replace what polling last showed.
  const [shown, setShown] = useState(initial);
  if (shown !== initial) {
    setShown(initial);
    setSources(initial);
  }
  const busy = sources.some(isBusy);
  const kindsKey = kinds.join(",");

  useEffect(() => {
    if (!busy) return;
    // One chain per effect run: StrictMode's second run and unmounting abort the first.
    const stop = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const response = await fetch(`/api/chatbots/${botId}/knowledge/sources`, { signal: stop.signal, cache: "no-store" });
        if (response.ok) {
          const { sources: latest } = (await response.json()) as { sources: SourceView[] };
          const wanted = kindsKey.split(",");
          if (!stop.signal.aborted) setSources(latest.filter((s) => wanted.includes(s.kind)));
        }
      } catch {
        // Offline for a moment or aborted: the next tick tries again, if there is one.
      }
      if (!stop.signal.aborted) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stop.abort();
      clearTimeout(timer);
    };
  }, [busy, botId, kindsKey]);

  if (!sources.length) return <p className="text-body-secondary">{t("empty")}</p>;
  return (
    <div className="table-responsive">
      <table className="table align-middle" data-testid="sources-table" aria-busy={busy}>
        <thead>
          <tr>
            <th scope="col">{t("col_name")}</th>
            <th scope="col">{t("col_kind")}</th>
            <th scope="col" className="text-end">{t("col_size")}</th>
            <th scope="col" className="text-end">{t("col_pieces")}</th>
            <th scope="col">{t("col_status")}</th>
            <th scope="col">{t("col_added")}</th>
            <th scope="col">{t("col_synced")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("col_actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => (
            <SourceRow key={source.id} botId={botId} source={source} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SourceRow({ botId, source }: { botId: string; source: SourceView }) {
  const t = useTranslations("knowledgeSources");
  const format = useFormatter();
  const errorText = useErrorText();
  const toast = useToast();
  const [run, pending] = useAction();
  const web = source.kind === "url" || source.kind === "site";
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : "—");
  const reason = (code: string | null) => (code && isErrorCode(code) ? errorText(code) : t("reason_unknown"));

  return (
    <tr data-testid="source-row" data-status={source.status}>
      <td className="text-break" style={{ minWidth: "12rem" }}>
        {source.url ? (
          <a href={source.url} target="_blank" rel="noopener noreferrer nofollow" dir="auto">
            {source.name}
          </a>
        ) : (
          <bdi>{source.name}</bdi>
        )}
        {source.kind === "site" && (
          <details className="small mt-1">
            <summary>{t("site_pages", { count: source.pages.length, max: source.maxPages ?? 0 })}</summary>
            <ul className="list-unstyled mb-0 ms-3">
              {source.pages.map((page) => (
                <li key={page.id} className="text-break">
                  <a href={page.url} target="_blank" rel="noopener noreferrer nofollow" dir="auto">
                    {page.title || page.url}
                  </a>{" "}
                  <span className={page.errorCode ? "text-danger" : "text-body-secondary"}>{page.errorCode ? reason(page.errorCode) : t("page_pieces", { count: page.pieceCount })}</span>
                </li>
              ))}
            </ul>
          </details>
        )}
      </td>
      <td className="text-nowrap">{t(`kind_${source.kind}`)}</td>
      <td className="text-end text-nowrap">{source.size ? format.number(source.size / 1024, { style: "unit", unit: "kilobyte", maximumFractionDigits: source.size < 10_240 ? 1 : 0 }) : "—"}</td>
      <td className="text-end">{source.status === "ready" || source.pieceCount ? format.number(source.pieceCount) : "—"}</td>
      <td>
        <Badge bg={STATUS_BG[source.status] ?? "secondary"} data-testid="source-status">
          {source.status === "processing" && <Spinner animation="border" size="sm" className="me-1" style={{ width: "0.7rem", height: "0.7rem" }} aria-hidden />}
          {t(`status_${source.status}`)}
        </Badge>
        {source.status === "failed" && (
          <div className="small text-danger mt-1" data-testid="source-reason">
            {reason(source.errorCode)}
          </div>
        )}
      </td>
      <td className="small text-nowrap">{when(source.createdAt)}</td>
      <td className="small text-nowrap">{when(source.syncedAt)}</td>
      <td>
        <div className="d-flex flex-wrap gap-1 justify-content-end">
          {web && (
            <FormSelect
              size="sm"
              style={{ width: "auto" }}
              aria-label={t("schedule_named", { name: source.name })}
              value={source.syncSchedule}
              disabled={pending}
              onChange={(event) => {
                const schedule = event.target.value;
                void run(() => setSyncScheduleAction.bind(null, botId, source.id)({ schedule })).then((r) => r.ok && toast.success(t("schedule_saved")));
              }}
            >
              {SYNC_SCHEDULES.map((s) => (
                <option key={s} value={s}>
                  {t(`schedule_${s}`)}
                </option>
              ))}
            </FormSelect>
          )}
          <Button
            size="sm"
            variant="outline-secondary"
            disabled={pending || source.status === "queued" || source.status === "processing"}
            aria-label={t(web ? "resync_named" : "reindex_named", { name: source.name })}
            onClick={() => void run(() => reindexSourceAction.bind(null, botId, source.id)()).then((r) => r.ok && toast.success(t("reindex_started")))}
          >
            <i className="bi bi-arrow-repeat" aria-hidden />
            <span className="d-none d-xl-inline ms-1">{t(web ? "resync" : "reindex")}</span>
          </Button>
          <ConfirmButton
            size="sm"
            ariaLabel={t("delete_named", { name: source.name })}
            title={t("delete_title")}
            text={t("delete_text", { name: source.name })}
            confirmLabel={t("delete")}
            action={() => deleteSourceAction.bind(null, botId, source.id)()}
            onDone={() => toast.success(t("deleted"))}
          >
            <i className="bi bi-trash" aria-hidden />
            <span className="d-none d-xl-inline ms-1">{t("delete")}</span>
          </ConfirmButton>
        </div>
      </td>
    </tr>
  );
}
