"use client";

import { lazy, Suspense, useState } from "react";
import { useTranslations } from "next-intl";

const load = () => import("./TestFormModal");
// The form (a modal, react-hook-form) is imported when the button is first pointed at or focused.
const TestFormModal = lazy(() => load().then((m) => ({ default: m.TestFormModal })));

/**
 * The expectation a careful owner starts from: a reply that answered from the bot's knowledge is
 * likely right, so its first sentence (cut at a word, at most 80 characters); a reply that used no
 * source fell back, which is rarely what the owner wants said: nothing, for them to type.
 */
export function expectedExcerpt(reply: string, usedSources: boolean) {
  if (!usedSources) return "";
  // Kept as the reply says it (Markdown marks included), so the excerpt is in the reply.
  const text = reply.replace(/\s+/g, " ").trim();
  const sentence = text.split(/(?<=[.!?。])\s/)[0] ?? "";
  if (sentence.length <= 80) return sentence.replace(/[.!?。]$/, "");
  const cut = sentence.slice(0, 80);
  return cut.slice(0, cut.lastIndexOf(" ") > 20 ? cut.lastIndexOf(" ") : 80);
}

/** "Save as test" on an exchange (the playground, a transcript): the visitor's question, in a small form to set what to expect. */
export function SaveTestButton({ botId, question, reply, usedSources }: { botId: string; question: string; reply: string; usedSources: boolean }) {
  const t = useTranslations("tests");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-link btn-sm p-0 ms-2 align-baseline link-body-emphasis" onPointerEnter={() => void load()} onFocus={() => void load()} onClick={() => setOpen(true)} data-testid="save-as-test">
        <i className="bi bi-check2-square me-1" aria-hidden />
        {t("save_as_test")}
      </button>
      {open && (
        <Suspense fallback={null}>
          <TestFormModal botId={botId} initial={{ question: question.slice(0, 4000), expected: expectedExcerpt(reply, usedSources) }} reply={reply} onHide={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
