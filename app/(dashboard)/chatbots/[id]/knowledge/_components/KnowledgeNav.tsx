import Link from "next/link";
import { getTranslations } from "next-intl/server";

// The Knowledge tab's sections, each its own route so that a page loads only its own forms' script.
export const KNOWLEDGE_SECTIONS = ["qa", "files", "web", "text"] as const;
export type KnowledgeSection = (typeof KNOWLEDGE_SECTIONS)[number];

export async function KnowledgeNav({ botId, current }: { botId: string; current: KnowledgeSection }) {
  const t = await getTranslations("knowledgeSources");
  return (
    <nav aria-label={t("sections")}>
      <ul className="nav nav-pills mb-3 flex-wrap gap-1">
        {KNOWLEDGE_SECTIONS.map((s) => (
          <li className="nav-item" key={s}>
            <Link href={`/chatbots/${botId}/knowledge${s === "qa" ? "" : `/${s}`}`} className={`nav-link${s === current ? " active" : ""}`} aria-current={s === current ? "page" : undefined}>
              {t(`section_${s}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
