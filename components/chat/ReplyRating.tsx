"use client";

import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/useErrorText";
import { FEEDBACK_COMMENT_MAX } from "@/lib/validation/limits";
import type { ChatTarget } from "./ChatPanel";

/**
 * Thumbs up or down under a reply, and after a thumbs down an optional comment: stored with the
 * reply (lib/db/feedback.ts); the owner sees thumbs down among the bot's unanswered questions.
 */
export function ReplyRating({ target, visitorId, messageId }: { target: ChatTarget; visitorId: string | null; messageId: string }) {
  const t = useTranslations("chat");
  const errorText = useErrorText();
  const [rating, setRating] = useState<1 | -1 | null>(null);
  const [comment, setComment] = useState("");
  const [stage, setStage] = useState<"rate" | "comment" | "thanks">("rate");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function post(value: 1 | -1, text = "") {
    setPending(true);
    setError(null);
    try {
      const url = target.kind === "owner" ? `/api/chatbots/${target.botId}/feedback` : `/api/public/${target.publicId}/feedback`;
      const base = { messageId, rating: value, comment: text };
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(target.kind === "owner" ? base : { ...base, visitorId, channel: target.channel }),
      });
      if (!response.ok) {
        const { code, retryAfter } = (await response.json().catch(() => ({ code: "server_error" }))) as { code: string; retryAfter?: number };
        setError(errorText(code, retryAfter));
        return false;
      }
      return true;
    } catch {
      setError(errorText("server_error"));
      return false;
    } finally {
      setPending(false);
    }
  }

  async function rate(value: 1 | -1) {
    if (!(await post(value))) return;
    setRating(value);
    setStage(value === -1 ? "comment" : "thanks");
  }

  async function sendComment(event: FormEvent) {
    event.preventDefault();
    if (comment.trim() && !(await post(-1, comment.trim()))) return;
    setStage("thanks");
  }

  return (
    <div className="chat-rating mt-1" data-testid="reply-rating">
      {stage === "rate" || stage === "comment" ? (
        <div className="d-inline-flex gap-1" role="group" aria-label={t("rate_reply")}>
          {([1, -1] as const).map((value) => (
            <button
              key={value}
              type="button"
              className="btn btn-sm btn-link p-0 px-1 text-body-secondary"
              aria-pressed={rating === value}
              disabled={pending}
              onClick={() => rate(value)}
              title={t(value === 1 ? "rate_up" : "rate_down")}
            >
              <i className={`bi ${value === 1 ? (rating === 1 ? "bi-hand-thumbs-up-fill" : "bi-hand-thumbs-up") : rating === -1 ? "bi-hand-thumbs-down-fill" : "bi-hand-thumbs-down"}`} aria-hidden />
              <span className="visually-hidden">{t(value === 1 ? "rate_up" : "rate_down")}</span>
            </button>
          ))}
        </div>
      ) : (
        <span className="small text-body-secondary" role="status">
          {t("rating_thanks")}
        </span>
      )}
      {stage === "comment" && (
        <form className="d-flex gap-1 mt-1" onSubmit={sendComment}>
          <label className="visually-hidden" htmlFor={`rating-comment-${messageId}`}>
            {t("rating_comment")}
          </label>
          <input
            id={`rating-comment-${messageId}`}
            className="form-control form-control-sm"
            dir="auto"
            maxLength={FEEDBACK_COMMENT_MAX}
            placeholder={t("rating_comment")}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="submit" className="btn btn-sm btn-outline-secondary text-nowrap" disabled={pending}>
            {t("rating_send")}
          </button>
        </form>
      )}
      {error && (
        <div className="text-danger small" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
