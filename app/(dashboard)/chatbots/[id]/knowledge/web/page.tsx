import { getTranslations } from "next-intl/server";
import { requireOwnedBot } from "@/lib/auth/guards";
import { knowledgeLimits } from "@/lib/knowledge/limits";
import { SourcesSection } from "../_components/SourcesSection";
import { PageSourceForm, SiteSourceForm } from "../_components/WebSourceForms";

type Params = Promise<{ id: string }>;

/** Web pages and whole sites: one page by address, or a crawl with its cap and depth chosen first. */
export default async function KnowledgeWebPage({ params }: { params: Params }) {
  const { user, bot } = await requireOwnedBot((await params).id);
  const t = await getTranslations("knowledgeSources");
  return (
    <SourcesSection user={user} botId={bot.id} section="web">
      <div className="row g-4">
        <div className="col-lg-6">
          <h2 className="h5">{t("page_title")}</h2>
          <PageSourceForm botId={bot.id} />
        </div>
        <div className="col-lg-6">
          <h2 className="h5">{t("site_title")}</h2>
          <SiteSourceForm botId={bot.id} maxSitePages={knowledgeLimits().maxSitePages} />
        </div>
      </div>
    </SourcesSection>
  );
}
