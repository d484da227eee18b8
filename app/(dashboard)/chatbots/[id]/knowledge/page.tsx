import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/chat/Markdown";
import { requireOwnedBot } from "@/lib/auth/guards";
import { listKnowledge } from "@/lib/db/knowledge";
import { listSources } from "@/lib/db/knowledge-sources";
import { knowledgeLimits } from "@/lib/knowledge/limits";
import { CsvImport } from "./_components/CsvImport";
import { FileUpload } from "./_components/FileUpload";
import { KnowledgeForm } from "./_components/KnowledgeForm";
import { KnowledgeList } from "./_components/KnowledgeList";
import { SourcesTable } from "./_components/SourcesTable";
import { TextSourceForm } from "./_components/TextSourceForm";
import { PageSourceForm, SiteSourceForm } from "./_components/WebSourceForms";
import { SOURCE_KINDS, type SourceView } from "./_components/source-view";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<{ section?: string | string[] }>;

// Sub-sections as links rendered here (no tab script in the page's first load, each one a URL to
// share or reload), and only the chosen one's data is read.
const SECTIONS = ["qa", "files", "web", "text"] as const;
type Section = (typeof SECTIONS)[number];

export default async function KnowledgePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { user, bot } = await requireOwnedBot((await params).id);
  const asked = (await searchParams).section;
  const section: Section = SECTIONS.find((s) => s === asked) ?? "qa";
  const t = await getTranslations("knowledge");
  const ts = await getTranslations("knowledgeSources");

  return (
    <>
      <nav aria-label={ts("sections")}>
        <ul className="nav nav-pills mb-3 flex-wrap gap-1">
          {SECTIONS.map((s) => (
            <li className="nav-item" key={s}>
              <Link href={`/chatbots/${bot.id}/knowledge${s === "qa" ? "" : `?section=${s}`}`} className={`nav-link${s === section ? " active" : ""}`} aria-current={s === section ? "page" : undefined}>
                {ts(`section_${s}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {section === "qa" ? <QaSection botId={bot.id} intro={t(bot.provider === "builtin" ? "intro_builtin" : "intro_llm")} user={user} /> : <SourcesSection botId={bot.id} section={section} user={user} />}
    </>
  );
}

async function QaSection({ botId, intro, user }: { botId: string; intro: string; user: { id: string } }) {
  const entries = await listKnowledge(user, botId);
  const t = await getTranslations("knowledge");
  return (
    <>
      <p>{intro}</p>
      <div className="row g-4">
        <div className="col-lg-7">
          <h2 className="h5">{t("entries", { count: entries.length })}</h2>
          <KnowledgeList botId={botId} entries={entries.map((e) => ({ ...e, answerView: <Markdown text={e.answer} /> }))} />
        </div>
        <div className="col-lg-5">
          <div className="card mb-4">
            <div className="card-body">
              <h2 className="h5">{t("add_title")}</h2>
              <KnowledgeForm botId={botId} />
            </div>
          </div>
          <div className="card">
            <div className="card-body">
              <h2 className="h5">{t("import_title")}</h2>
              <CsvImport botId={botId} />
            </div>
          </div>
        </div>
      </div>
    </>
  );
}

async function SourcesSection({ botId, section, user }: { botId: string; section: Exclude<Section, "qa">; user: { id: string } }) {
  const kinds = SOURCE_KINDS[section];
  const all = await listSources(user, botId);
  const t = await getTranslations("knowledgeSources");
  const format = await getFormatter();
  const limits = knowledgeLimits();
  const used = all.reduce((sum, s) => sum + s.size, 0);
  const mb = (bytes: number) => format.number(bytes / (1024 * 1024), { style: "unit", unit: "megabyte", maximumFractionDigits: 1 });
  // Dates as strings, as the polling route sends them: one shape for the table.
  const sources: SourceView[] = JSON.parse(JSON.stringify(all.filter((s) => (kinds as readonly string[]).includes(s.kind))));

  return (
    <>
      <p>{t(`intro_${section}`)}</p>
      <div className="card mb-4">
        <div className="card-body">
          {section === "files" && (
            <>
              <h2 className="h5">{t("files_title")}</h2>
              <p className="small text-body-secondary mb-2" data-testid="file-limits">
                {t("files_limits", { file: mb(limits.maxFileBytes), bot: mb(limits.maxBotBytes), pages: limits.maxPdfPages })} {t("files_used", { used: mb(used), bot: mb(limits.maxBotBytes) })}
              </p>
              <FileUpload botId={botId} maxFileBytes={limits.maxFileBytes} />
            </>
          )}
          {section === "web" && (
            <div className="row g-4">
              <div className="col-lg-6">
                <h2 className="h5">{t("page_title")}</h2>
                <PageSourceForm botId={botId} />
              </div>
              <div className="col-lg-6">
                <h2 className="h5">{t("site_title")}</h2>
                <SiteSourceForm botId={botId} maxSitePages={limits.maxSitePages} />
              </div>
            </div>
          )}
          {section === "text" && (
            <>
              <h2 className="h5">{t("text_title")}</h2>
              <TextSourceForm botId={botId} />
            </>
          )}
        </div>
      </div>
      <h2 className="h5">{t("sources_title")}</h2>
      <SourcesTable botId={botId} kinds={[...kinds]} initial={sources} />
    </>
  );
}
