import { useTranslations } from "next-intl";
import type { ChatSource } from "@/lib/chat/wire";

const ICONS: Record<ChatSource["kind"], string> = { qa: "bi-question-circle", file: "bi-file-earmark-text", text: "bi-card-text", url: "bi-globe", site: "bi-globe" };

/**
 * Where a reply came from, under it: each Q&A entry or document with its page or heading, a web
 * page as a link (http(s) only: lib/chat/wire.ts sourcesOf). Used by the chat panel (playground,
 * public page, widget) and the owner's transcripts. Names are the owner's: shown as they are written.
 */
export function SourceList({ sources }: { sources: ChatSource[] }) {
  const t = useTranslations("chat");
  if (!sources.length) return null;
  return (
    <div className="chat-sources small text-body-secondary mt-2" data-testid="chat-sources">
      <div className="fw-semibold">{t("sources")}</div>
      <ul className="list-unstyled mb-0">
        {sources.map((s, i) => {
          const name = s.kind === "qa" ? t("source_qa", { question: s.name }) : s.name;
          return (
            <li key={i} className="chat-source" data-testid="chat-source">
              <i className={`bi ${ICONS[s.kind]} me-1`} aria-hidden />
              {s.ref !== null && <span className="me-1">[{s.ref}]</span>}
              {s.url ? (
                <a href={s.url} target="_blank" rel="noopener noreferrer nofollow ugc" dir="auto">
                  {name}
                </a>
              ) : (
                <span dir="auto">{name}</span>
              )}
              {s.page !== null && <span> · {t("source_page", { page: s.page })}</span>}
              {s.heading && (
                <span>
                  {" · "}
                  <span dir="auto">{s.heading}</span>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
