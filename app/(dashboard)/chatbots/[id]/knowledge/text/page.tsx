import { getTranslations } from "next-intl/server";
import { requireOwnedBot } from "@/lib/auth/guards";
import { SourcesSection } from "../_components/SourcesSection";
import { TextSourceForm } from "../_components/TextSourceForm";

type Params = Promise<{ id: string }>;

/** Pasted texts, each under its title. */
export default async function KnowledgeTextPage({ params }: { params: Params }) {
  const { user, bot } = await requireOwnedBot((await params).id);
  const t = await getTranslations("knowledgeSources");
  return (
    <SourcesSection user={user} botId={bot.id} section="text">
      <h2 className="h5">{t("text_title")}</h2>
      <TextSourceForm botId={bot.id} />
    </SourcesSection>
  );
}
