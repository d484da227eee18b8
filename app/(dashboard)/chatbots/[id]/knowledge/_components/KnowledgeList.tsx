"use client";

import { useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import Button from "react-bootstrap/Button";
import { deleteKnowledgeAction, moveKnowledgeAction } from "@/app/(dashboard)/chatbots/[id]/knowledge/actions";
import { useToast } from "@/components/ui/Toasts";
import { useAction } from "@/components/ui/useAction";
import { KnowledgeForm } from "./KnowledgeForm";

/** `answerView`: the answer as the server rendered it from markdown. */
type Entry = { id: string; question: string; answer: string; alternatives: string; answerView: ReactNode };

export function KnowledgeList({ botId, entries }: { botId: string; entries: Entry[] }) {
  const t = useTranslations("knowledge");
  const toast = useToast();
  const [run, pending] = useAction();
  const [editing, setEditing] = useState<string | null>(null);

  async function act(call: () => ReturnType<typeof deleteKnowledgeAction>, done?: string) {
    const result = await run(call);
    if (result.ok && done) toast.success(done);
  }

  if (!entries.length) return <p className="text-body-secondary">{t("empty")}</p>;
  return (
    <ol className="list-group list-group-numbered" data-testid="knowledge-list">
      {entries.map((entry, index) => (
        <li key={entry.id} className="list-group-item d-flex gap-2">
          <div className="flex-grow-1 min-w-0">
            {editing === entry.id ? (
              <KnowledgeForm botId={botId} entry={entry} onDone={() => setEditing(null)} />
            ) : (
              <>
                <div className="fw-semibold text-break" dir="auto">
                  {entry.question}
                </div>
                {entry.alternatives && (
                  <div className="small text-body-secondary text-break" data-testid="alternatives">
                    {t("alternatives_shown", { list: entry.alternatives.split("\n").join(" · ") })}
                  </div>
                )}
                {/* The same safe markdown the playground shows this answer with. */}
                <div className="small text-break">
                  {entry.answerView}
                </div>
                <div className="d-flex flex-wrap gap-1 mt-2">
                  <Button size="sm" variant="outline-secondary" disabled={pending || index === 0} onClick={() => act(() => moveKnowledgeAction.bind(null, botId, entry.id)({ direction: "up" }))} aria-label={t("move_up_named", { question: entry.question })}>
                    <i className="bi bi-arrow-up" aria-hidden />
                  </Button>
                  <Button size="sm" variant="outline-secondary" disabled={pending || index === entries.length - 1} onClick={() => act(() => moveKnowledgeAction.bind(null, botId, entry.id)({ direction: "down" }))} aria-label={t("move_down_named", { question: entry.question })}>
                    <i className="bi bi-arrow-down" aria-hidden />
                  </Button>
                  <Button size="sm" variant="outline-primary" onClick={() => setEditing(entry.id)} aria-label={t("edit_named", { question: entry.question })}>
                    <i className="bi bi-pencil me-1" aria-hidden />
                    {t("edit")}
                  </Button>
                  <Button size="sm" variant="outline-danger" disabled={pending} onClick={() => act(() => deleteKnowledgeAction.bind(null, botId, entry.id)(), t("deleted"))} aria-label={t("delete_named", { question: entry.question })}>
                    <i className="bi bi-trash me-1" aria-hidden />
                    {t("delete")}
                  </Button>
                </div>
              </>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
