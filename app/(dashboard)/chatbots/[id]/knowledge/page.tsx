import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { findChatbot } from "@/lib/db/chatbots";
import { listKnowledge } from "@/lib/db/knowledge";
import { BotHeader } from "@/components/chatbots/BotHeader";
import { CsvImport } from "@/components/knowledge/CsvImport";
import { KnowledgeForm } from "@/components/knowledge/KnowledgeForm";
import { KnowledgeList } from "@/components/knowledge/KnowledgeList";

type Params = Promise<{ id: string }>;

export default async function KnowledgePage({ params }: { params: Params }) {
  const user = await requireUser();
  const bot = await findChatbot(user, (await params).id);
  if (!bot) notFound();
  const entries = await listKnowledge(user, bot.id);
  const t = await getTranslations("knowledge");

  return (
    <>
      <BotHeader bot={bot} section="knowledge" />
      <p>{t(bot.provider === "builtin" ? "intro_builtin" : "intro_llm")}</p>
      <div className="row g-4">
        <div className="col-lg-7">
          <h2 className="h5">{t("entries", { count: entries.length })}</h2>
          <KnowledgeList botId={bot.id} entries={entries} />
        </div>
        <div className="col-lg-5">
          <div className="card mb-4">
            <div className="card-body">
              <h2 className="h5">{t("add_title")}</h2>
              <KnowledgeForm botId={bot.id} />
            </div>
          </div>
          <div className="card">
            <div className="card-body">
              <h2 className="h5">{t("import_title")}</h2>
              <CsvImport botId={bot.id} />
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
