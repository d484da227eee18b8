"use client";

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useToast } from "@/components/ui/Toasts";
import { useErrorText } from "@/components/ui/useErrorText";
import { BotAvatar, type AvatarBot } from "@/components/chatbots/BotAvatar";
import { readEvents, sourcesOf, type ChatSource } from "@/lib/chat/wire";
import { MESSAGE_MAX } from "@/lib/validation/limits";
import type { Channel } from "@/lib/validation/channels";
import { LazyMarkdown, preloadMarkdown } from "./LazyMarkdown";
import { SaveTestButton } from "@/components/tests/SaveTestButton";
import { ReplyRating } from "./ReplyRating";
import { SourceList } from "./SourceList";
import { useVisitorId } from "./useVisitorId";

type Line = { id: number; role: "user" | "assistant"; content: string; error?: string; streaming?: boolean; stopped?: boolean; sources?: ChatSource[]; messageId?: string };
/** Who is talking: the signed-in owner in the playground (by the bot's id), or an anonymous visitor of a public channel (by its public id). */
export type ChatTarget = { kind: "owner"; botId: string } | { kind: "visitor"; publicId: string; channel: Channel };
type Props = {
  target: ChatTarget;
  /** The bot's welcome message, already rendered from markdown by the server; nothing when it has none. */
  welcome?: ReactNode;
  isActive: boolean;
  /** The panel's heading; the playground's by default. */
  title?: string;
  /** Inside the widget's iframe: the panel fills the frame. */
  embedded?: boolean;
  /** Shown under the heading, beside the avatar. */
  botName?: string;
  avatar?: AvatarBot;
  /** A conversation to go on with (the playground after a reload): its id and what was said, oldest first. */
  resume?: { conversationId: string; messages: { role: string; content: string; errorCode: string | null; sources?: ChatSource[] }[] };
  /** The playground: the current conversation's id is kept in the URL (`?c=`), so a reload keeps it, and links to its transcript under this path. */
  historyPath?: string;
};

// Ids come from here, never from inside a state updater: StrictMode (next dev) runs updaters twice.
let nextId = 1;

/**
 * A chat with a bot, replies streamed in as they come: the playground (the owner tries their bot),
 * the public page and the widget (a visitor, known only by a random id kept in their browser).
 */
export function ChatPanel({ target, welcome, isActive, title, embedded = false, botName, avatar = { avatarIcon: "robot", avatarColor: "indigo" }, resume, historyPath }: Props) {
  const t = useTranslations("chat");
  const tErrors = useTranslations("errors");
  const toast = useToast();
  const errorText = useErrorText();
  const [lines, setLines] = useState<Line[]>(() =>
    (resume?.messages ?? []).map((m) => ({
      id: nextId++,
      role: m.role === "user" ? "user" : "assistant",
      content: m.content,
      error: m.errorCode ? errorText(m.errorCode) : undefined,
      sources: m.sources,
    })),
  );
  const [draft, setDraft] = useState("");
  const [conversationId, setConversationId] = useState<string | null>(resume?.conversationId ?? null);
  const [inputError, setInputError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const thread = useRef<HTMLDivElement>(null);
  const busy = lines.some((l) => l.streaming);
  const visitorId = useVisitorId(target.kind === "visitor");
  // A visitor can send once their id is known (after hydration).
  const ready = isActive && (target.kind === "owner" || !!visitorId);

  // Follow the newest message (and a reply as it streams in).
  useEffect(() => {
    const el = thread.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines]);

  // The playground keeps the conversation in its URL: a reload (or a shared tab) goes on with it.
  // The server reads it back through the owner-checked read (app/(dashboard)/chatbots/[id]/page.tsx).
  function keepInUrl(id: string | null) {
    if (!historyPath) return;
    const url = new URL(window.location.href);
    if (id) url.searchParams.set("c", id);
    else url.searchParams.delete("c");
    window.history.replaceState(window.history.state, "", url);
  }

  /** The visitor's message a reply answered: "Save as test" saves it. */
  const questionBefore = (replyId: number) => {
    const at = lines.findIndex((l) => l.id === replyId);
    const asked = at > 0 ? lines[at - 1] : null;
    return asked?.role === "user" ? asked.content : null;
  };

  const update = (id: number, change: Partial<Line> | ((l: Line) => Partial<Line>)) =>
    setLines((all) => all.map((l) => (l.id === id ? { ...l, ...(typeof change === "function" ? change(l) : change) } : l)));

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const message = draft.trim();
    if (!message || busy || !ready) return;
    if ([...message].length > MESSAGE_MAX) return setInputError(tErrors("message_too_long"));
    setInputError(null);
    preloadMarkdown();
    const userId = nextId++;
    const replyId = nextId++;
    setLines((all) => [...all, { id: userId, role: "user", content: message }, { id: replyId, role: "assistant", content: "", streaming: true }]);
    setDraft("");
    const controller = new AbortController();
    abort.current = controller;
    try {
      const url = target.kind === "owner" ? `/api/chatbots/${target.botId}/chat` : `/api/public/${target.publicId}/chat`;
      const body = target.kind === "owner" ? { message, conversationId } : { message, conversationId, visitorId, channel: target.channel };
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const { code, retryAfter } = await response.json().catch(() => ({ code: "server_error" }));
        return update(replyId, { streaming: false, error: errorText(code, retryAfter) });
      }
      for await (const event of readEvents(response.body)) {
        if (event.type === "start") {
          setConversationId(event.conversationId);
          keepInUrl(event.conversationId);
        }
        if (event.type === "text") update(replyId, (l) => ({ content: l.content + event.text }));
        if (event.type === "sources") update(replyId, { sources: sourcesOf(event.sources) });
        if (event.type === "error") update(replyId, { error: errorText(event.code) });
        if (event.type === "done" && event.messageId) update(replyId, { messageId: event.messageId });
      }
      update(replyId, { streaming: false });
    } catch (error) {
      if (controller.signal.aborted) update(replyId, { streaming: false, stopped: true });
      else update(replyId, { streaming: false, error: errorText((error as Error).name === "TypeError" ? "provider_unreachable" : "server_error") });
    } finally {
      abort.current = null;
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  function newConversation() {
    abort.current?.abort();
    setLines([]);
    setConversationId(null);
    keepInUrl(null);
  }

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      toast.success(t("copied"));
    } catch {
      toast.error(tErrors("server_error"));
    }
  }

  return (
    <section className={`card chat-widget chat-panel ${embedded ? "chat-embedded border-0 rounded-0" : ""}`} aria-labelledby="playground-title">
      {/* One row however long the labels: the title gives way (ellipsis, whole in its tooltip), the button never wraps or shrinks. */}
      <div className="card-header chat-widget-header justify-content-between" data-testid="chat-header">
        <div className="d-flex align-items-center gap-2 min-w-0">
          <BotAvatar bot={avatar} />
          <div className="min-w-0">
            <h2 id="playground-title" className="h6 mb-0 text-truncate" title={title ?? t("title")}>
              {title ?? t("title")}
            </h2>
            {botName ? (
              <div className="small text-body-secondary text-truncate" dir="auto" title={botName}>
                {botName}
              </div>
            ) : null}
          </div>
        </div>
        <div className="d-flex align-items-center gap-2 flex-shrink-0">
          {historyPath && conversationId && !busy ? (
            <Link className="btn btn-link btn-sm text-nowrap px-1" href={`${historyPath}/${encodeURIComponent(conversationId)}`} title={t("open_in_history")} data-testid="open-in-history">
              <i className="bi bi-clock-history" aria-hidden />
              <span className="visually-hidden">{t("open_in_history")}</span>
            </Link>
          ) : null}
          <button type="button" className="btn btn-outline-secondary btn-sm text-nowrap" onClick={newConversation} disabled={!lines.length}>
            <i className="bi bi-plus-circle me-1" aria-hidden />
            {t("new_conversation")}
          </button>
        </div>
      </div>
      <div ref={thread} className="card-body chat-thread" aria-live="polite" data-testid="chat-thread">
        {!isActive && <div className="alert alert-warning">{tErrors("bot_inactive")}</div>}
        {welcome && (
          <div className="chat-row chat-row-bot">
            <BotAvatar bot={avatar} size="sm" />
            <div className="chat-line chat-assistant" data-testid="welcome">
              {welcome}
            </div>
          </div>
        )}
        {lines.map((line) =>
          line.role === "user" ? (
            <div key={line.id} className="chat-line chat-user text-prewrap" data-testid="chat-user" dir="auto">
              {line.content}
            </div>
          ) : (
            <div key={line.id} className="chat-row chat-row-bot">
            <BotAvatar bot={avatar} size="sm" />
            <div className="chat-line chat-assistant" data-testid="chat-reply" aria-busy={line.streaming}>
              {line.content && <LazyMarkdown text={line.content} />}
              {line.streaming && !line.content && <div className="spinner-grow spinner-grow-sm" role="status" aria-label={t("thinking")} />}
              {line.error && (
                <div className="text-danger small" role="alert">
                  <i className="bi bi-exclamation-triangle me-1" aria-hidden />
                  {line.error}
                </div>
              )}
              {line.stopped && <div className="text-body-secondary small">{t("stopped")}</div>}
              {line.sources && <SourceList sources={line.sources} />}
              {!line.streaming && line.content && (
                // Quiet until the reply is hovered or the button focused (globals.css).
                <button type="button" className="btn btn-sm chat-copy" onClick={() => copy(line.content)} title={t("copy_reply")}>
                  <i className="bi bi-clipboard" aria-hidden />
                  <span className="visually-hidden">{t("copy_reply")}</span>
                </button>
              )}
              {!line.streaming && line.content && line.messageId && !line.error && <ReplyRating target={target} visitorId={visitorId} messageId={line.messageId} />}
              {target.kind === "owner" && !line.streaming && line.content && !line.error && questionBefore(line.id) && (
                <SaveTestButton botId={target.botId} question={questionBefore(line.id)!} reply={line.content} usedSources={!!line.sources?.length} />
              )}
            </div>
            </div>
          ),
        )}
      </div>
      <div className="card-footer chat-widget-footer">
        <form onSubmit={send} noValidate>
          <div>
            <label className="form-label" htmlFor="chat-message">
              {t("message_label")}
            </label>
            <textarea
              id="chat-message"
              className={`form-control ${inputError ? "is-invalid" : ""}`}
              name="message"
              dir="auto"
              rows={2}
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value);
                // The reply will be markdown: fetch its renderer while the message is typed.
                preloadMarkdown();
              }}
              onKeyDown={onKeyDown}
              aria-describedby="chat-send-hint"
              placeholder={target.kind === "owner" ? t("placeholder") : t("visitor_placeholder")}
              disabled={!isActive}
            />
            <div className="invalid-feedback">{inputError}</div>
          </div>
          <div className="d-flex gap-2 mt-2 align-items-center">
            {/* Not in the placeholder: a placeholder takes the textarea's direction (dir="auto", empty: LTR),
                which jumbled the Arabic sentence; here it follows the page, and each key stays whole (dir="ltr" isolates it). */}
            <div id="chat-send-hint" className="form-text mt-0 me-auto chat-send-hint">
              {t.rich("send_hint", {
                key: (chunks) => (
                  <kbd dir="ltr" className="chat-key">
                    {chunks}
                  </kbd>
                ),
              })}
            </div>
            {busy ? (
              <button type="button" className="btn btn-outline-danger" onClick={() => abort.current?.abort()}>
                <i className="bi bi-stop-circle me-1" aria-hidden />
                {t("stop")}
              </button>
            ) : (
              <button type="submit" className="btn btn-primary" disabled={!draft.trim() || !ready}>
                <i className="bi bi-send me-1" aria-hidden />
                {t("send")}
              </button>
            )}
          </div>
        </form>
      </div>
    </section>
  );
}
