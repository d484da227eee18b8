"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import Spinner from "react-bootstrap/Spinner";
import { deleteTestAction } from "@/app/(dashboard)/chatbots/[id]/tests/actions";
import { TestFormModal, type SourceOptions } from "@/components/tests/TestFormModal";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { EmptyState } from "@/components/ui/EmptyState";
import { useToast } from "@/components/ui/Toasts";
import { useErrorText } from "@/components/ui/useErrorText";
import type { TestRunEvent } from "@/lib/chat/test-run";
import { readEvents } from "@/lib/chat/wire";

type Test = { id: string; question: string; expected: string; mustNotContain: string; mustUseSource: string };
type Side = { reply: string; pass: boolean; failures: string[]; ms: number };
type Result = { testId: string; draft: Side; published: Side };
type Run = { status: string; errorCode: string | null; total: number; current: boolean; results: Result[] };

/** What changed for one question between the published version and the draft. */
export function changeOf(result: Result): "newly_failing" | "newly_passing" | "reply_changed" | "same" {
  if (result.published.pass && !result.draft.pass) return "newly_failing";
  if (!result.published.pass && result.draft.pass) return "newly_passing";
  return result.draft.reply !== result.published.reply ? "reply_changed" : "same";
}

const CHANGE_BADGE = { newly_failing: "text-bg-danger", newly_passing: "text-bg-success", reply_changed: "text-bg-info", same: "text-bg-secondary" } as const;

/** The saved tests, their latest results side by side (draft, published) and the run with its progress. */
export function TestsPanel({ botId, tests, run, options }: { botId: string; tests: Test[]; run: Run | null; options: SourceOptions }) {
  const t = useTranslations("tests");
  const toast = useToast();
  const errorText = useErrorText();
  const router = useRouter();
  const [results, setResults] = useState<Map<string, Result>>(() => new Map(run?.results.map((r) => [r.testId, r])));
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  // Shown at once when the owner cancels (the server marks the run a moment later).
  const [cancelled, setCancelled] = useState<{ done: number; total: number } | null>(null);
  const [editing, setEditing] = useState<(Test & { isNew?: boolean }) | null>(null);
  const controller = useRef<AbortController | null>(null);

  // The stored run, once the page has been read again (after a run or an edit).
  useEffect(() => {
    if (!controller.current) setResults(new Map(run?.results.map((r) => [r.testId, r])));
  }, [run]);

  async function start() {
    const abort = new AbortController();
    controller.current = abort;
    setResults(new Map());
    setCancelled(null);
    setProgress({ done: 0, total: tests.length });
    try {
      const response = await fetch(`/api/chatbots/${botId}/tests/run`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}", signal: abort.signal });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as { code?: string; retryAfter?: number };
        toast.error(errorText(body.code ?? "server_error", body.retryAfter));
        return;
      }
      for await (const event of readEvents<TestRunEvent>(response.body)) {
        if (event.type === "start") setProgress({ done: 0, total: event.total });
        else if (event.type === "result") {
          setResults((all) => new Map(all).set(event.result.testId, event.result));
          setProgress((p) => p && { ...p, done: event.index + 1 });
        } else if (event.type === "end" && event.errorCode) toast.error(errorText(event.errorCode));
      }
    } catch (error) {
      if (!abort.signal.aborted) toast.error(errorText("server_error"));
      void error;
    } finally {
      controller.current = null;
      setProgress(null);
      router.refresh();
    }
  }

  const cancelledAt = cancelled ?? (run?.status === "cancelled" ? { done: run.results.length, total: run.total } : null);
  const shown = tests.flatMap((test) => (results.has(test.id) ? [results.get(test.id)!] : []));
  const passing = (side: "draft" | "published") => shown.filter((r) => r[side].pass).length;
  const newlyFailing = shown.filter((r) => changeOf(r) === "newly_failing").length;
  const sourceName = (ref: string) =>
    ref.startsWith("qa:") ? options.entries.find((e) => `qa:${e.id}` === ref)?.question : options.sources.find((s) => `source:${s.id}` === ref)?.name;

  return (
    <>
      <div className="d-flex flex-wrap align-items-center gap-2 mb-3">
        {progress ? (
          <>
            <span role="status" className="d-inline-flex align-items-center gap-2" data-testid="run-progress">
              <Spinner animation="border" size="sm" aria-hidden />
              {t("progress", { done: progress.done, total: progress.total })}
            </span>
            <Button
              variant="outline-secondary"
              onClick={() => {
                setCancelled(progress);
                controller.current?.abort();
              }}
              data-testid="cancel-run"
            >
              <i className="bi bi-stop-circle me-1" aria-hidden />
              {t("cancel_run")}
            </Button>
          </>
        ) : (
          <Button variant="primary" onClick={() => void start()} disabled={!tests.length} data-testid="run-tests">
            <i className="bi bi-play-fill me-1" aria-hidden />
            {t("run")}
          </Button>
        )}
        <Button variant="outline-primary" onClick={() => setEditing({ id: "", question: "", expected: "", mustNotContain: "", mustUseSource: "", isNew: true })} disabled={!!progress} data-testid="add-test">
          <i className="bi bi-plus-circle me-1" aria-hidden />
          {t("add")}
        </Button>
      </div>

      {!progress && run && !run.current && shown.length > 0 && (
        <div className="alert alert-info" data-testid="run-stale">
          {t("stale")}
        </div>
      )}
      {!progress && cancelledAt && (
        <div className="alert alert-secondary" data-testid="run-cancelled">
          {t("cancelled", cancelledAt)}
        </div>
      )}
      {!progress && !cancelled && run?.status === "interrupted" && (
        <div className="alert alert-warning" data-testid="run-interrupted">
          {t("interrupted", { done: run.results.length, total: run.total })}
        </div>
      )}
      {shown.length > 0 && (
        <p data-testid="run-summary">
          {t("summary", { draft: passing("draft"), published: passing("published"), total: shown.length })}{" "}
          {newlyFailing > 0 && (
            <strong className="text-danger-emphasis" data-testid="newly-failing-count">
              {t("newly_failing_count", { count: newlyFailing })}
            </strong>
          )}
        </p>
      )}

      {tests.length === 0 ? (
        <EmptyState icon="check2-square" title={t("empty_title")} text={t("empty_text")} />
      ) : (
        <div className="table-responsive position-relative">
          <table className="table align-middle" data-testid="tests-table">
            <caption className="visually-hidden">{t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("question")}</th>
                <th scope="col">{t("draft")}</th>
                <th scope="col">{t("published")}</th>
                <th scope="col">{t("change")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tests.map((test) => {
                const result = results.get(test.id);
                const change = result && changeOf(result);
                return (
                  <tr key={test.id} data-testid="test-row">
                    <td className="text-break">
                      <div dir="auto">{test.question}</div>
                      <ul className="list-unstyled small text-body-secondary mb-0">
                        {test.expected && <li>{t("expects", { text: test.expected })}</li>}
                        {test.mustNotContain && <li>{t("expects_not", { text: test.mustNotContain })}</li>}
                        {test.mustUseSource && <li>{t("expects_source", { name: sourceName(test.mustUseSource) ?? t("source_gone") })}</li>}
                      </ul>
                      {result && (
                        <details className="small mt-1">
                          <summary>{t("replies")}</summary>
                          <div className="mt-1">
                            <strong>{t("draft")}:</strong> <span className="text-prewrap" dir="auto">{result.draft.reply || "—"}</span>
                          </div>
                          <div>
                            <strong>{t("published")}:</strong> <span className="text-prewrap" dir="auto">{result.published.reply || "—"}</span>
                          </div>
                        </details>
                      )}
                    </td>
                    <td data-testid="draft-result">{result ? <Outcome side={result.draft} /> : <span className="text-body-secondary">—</span>}</td>
                    <td data-testid="published-result">{result ? <Outcome side={result.published} /> : <span className="text-body-secondary">—</span>}</td>
                    <td data-testid="change">{change ? <span className={`badge ${CHANGE_BADGE[change]}`}>{t(`change_${change}`)}</span> : <span className="text-body-secondary">—</span>}</td>
                    <td className="text-nowrap text-end">
                      <Button size="sm" variant="outline-secondary" className="me-1" aria-label={t("edit_label")} title={t("edit_label")} onClick={() => setEditing(test)} disabled={!!progress}>
                        <i className="bi bi-pencil" aria-hidden />
                      </Button>
                      <ConfirmButton
                        size="sm"
                        ariaLabel={t("delete_label")}
                        title={t("delete_title")}
                        text={t("delete_text")}
                        confirmLabel={t("delete")}
                        action={deleteTestAction.bind(null, botId, test.id)}
                        onDone={() => {
                          toast.success(t("deleted_toast"));
                          router.refresh();
                        }}
                      >
                        <i className="bi bi-trash" aria-hidden />
                      </ConfirmButton>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {editing && (
        <TestFormModal
          botId={botId}
          initial={editing.isNew ? { question: "", expected: "", mustNotContain: "", mustUseSource: "" } : editing}
          options={options}
          onHide={() => setEditing(null)}
          onSaved={() => router.refresh()}
        />
      )}
    </>
  );
}

/** Pass or fail, why, and how long the reply took. */
function Outcome({ side }: { side: Side }) {
  const t = useTranslations("tests");
  const format = useFormatter();
  return (
    <div className="text-nowrap">
      <span className={`badge ${side.pass ? "text-bg-success" : "text-bg-danger"}`}>
        <i className={`bi ${side.pass ? "bi-check-lg" : "bi-x-lg"} me-1`} aria-hidden />
        {t(side.pass ? "pass" : "fail")}
      </span>
      <div className="small text-body-secondary">{t("time", { seconds: format.number(side.ms / 1000, { maximumFractionDigits: 2 }) })}</div>
      {side.failures.map((f) => (
        <div key={f} className="small text-danger-emphasis text-wrap">
          {t.has(`failure_${f}`) ? t(`failure_${f}`) : f}
        </div>
      ))}
    </div>
  );
}
