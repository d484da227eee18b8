import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { listSources } from "@/lib/db/knowledge-sources";
import { KnowledgeNav } from "./KnowledgeNav";
import { SourcesTable } from "./SourcesTable";
import { SOURCE_KINDS, type SourceView } from "./source-view";

type Section = keyof typeof SOURCE_KINDS;

/**
 * A sources section of the Knowledge tab: its navigation, its form (`children`, passed in by the
 * page so each page bundles only its own) and the table of its kinds of source.
 */
export async function SourcesSection({ user, botId, section, children }: { user: { id: string }; botId: string; section: Section; children: ReactNode }) {
  const kinds: readonly string[] = SOURCE_KINDS[section];
  const t = await getTranslations("knowledgeSources");
  // Dates as strings, as the polling route sends them: one shape for the table.
  const sources: SourceView[] = JSON.parse(JSON.stringify((await listSources(user, botId)).filter((s) => kinds.includes(s.kind))));
  return (
    <>
      <KnowledgeNav botId={botId} current={section} />
      <p>{t(`intro_${section}`)}</p>
      <div className="card mb-4">
        <div className="card-body">{children}</div>
      </div>
      <h2 className="h5">{t("sources_title")}</h2>
      <SourcesTable botId={botId} kinds={[...kinds]} initial={sources} />
    </>
  );
}
