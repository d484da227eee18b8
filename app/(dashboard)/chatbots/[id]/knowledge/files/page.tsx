import { getFormatter, getTranslations } from "next-intl/server";
import { requireOwnedBot } from "@/lib/auth/guards";
import { botStoredBytes } from "@/lib/db/knowledge-sources";
import { knowledgeLimits } from "@/lib/knowledge/limits";
import { FileUpload } from "../_components/FileUpload";
import { SourcesSection } from "../_components/SourcesSection";

type Params = Promise<{ id: string }>;

/** Documents: the limits said before anything is uploaded, the drop zone, and the files' table. */
export default async function KnowledgeFilesPage({ params }: { params: Params }) {
  const { user, bot } = await requireOwnedBot((await params).id);
  const t = await getTranslations("knowledgeSources");
  const format = await getFormatter();
  const limits = knowledgeLimits();
  const used = await botStoredBytes(user, bot.id);
  const mb = (bytes: number) => format.number(bytes / (1024 * 1024), { style: "unit", unit: "megabyte", maximumFractionDigits: 1 });
  return (
    <SourcesSection user={user} botId={bot.id} section="files">
      <h2 className="h5">{t("files_title")}</h2>
      <p className="small text-body-secondary mb-2" data-testid="file-limits">
        {t("files_limits", { file: mb(limits.maxFileBytes), bot: mb(limits.maxBotBytes), pages: limits.maxPdfPages })} {t("files_used", { used: mb(used), bot: mb(limits.maxBotBytes) })}
      </p>
      <FileUpload botId={bot.id} maxFileBytes={limits.maxFileBytes} />
    </SourcesSection>
  );
}
