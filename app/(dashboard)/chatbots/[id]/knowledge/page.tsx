import { getTranslations } from "next-intl/server";
import { Markdown } from "@/components/chat/Markdown";
import { requireOwnedBot } from "@/lib/auth/guards";
import { listKnowledge } from "@/lib/db/knowledge";
import { CsvImport } from "./_components/CsvImport";
import { KnowledgeForm } from "./_components/KnowledgeForm";
import { KnowledgeList } from "./_components/KnowledgeList";
import { KnowledgeNav } from "./_components/KnowledgeNav";

type Params = Promise<{ id: string }>;

export default async function KnowledgePage({ params }: { params: Params }) {
  const { user, bot } = await requireOwnedBot((await params).id);
  const entries = await listKnowledge(user, bot.id);
  const t = await getTranslations("knowledge");

  return (
    <>
      <KnowledgeNav botId={bot.id} current="qa" />
      <p>{t(bot.provider === "builtin" ? "intro_builtin" : "intro_llm")}</p>
      <div className="row g-4">
        <div className="col-lg-7">
          <h2 className="h5">{t("entries", { count: entries.length })}</h2>
          <KnowledgeList botId={bot.id} entries={entries.map((e) => ({ ...e, answerView: <Markdown text={e.answer} /> }))} />
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
