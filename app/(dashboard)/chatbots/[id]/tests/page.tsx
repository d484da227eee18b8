import { getTranslations } from "next-intl/server";
import { requireOwnedBot } from "@/lib/auth/guards";
import { latestRun, listTests, testSourceOptions } from "@/lib/db/bot-tests";
import { TestsPanel } from "./_components/TestsPanel";

type Props = { params: Promise<{ id: string }> };

export default async function TestsPage({ params }: Props) {
  const { user, bot } = await requireOwnedBot((await params).id);
  const [tests, run, options] = await Promise.all([listTests(user, bot.id), latestRun(user, bot.id), testSourceOptions(user, bot.id)]);
  const t = await getTranslations("tests");
  return (
    <>
      <h2 className="h5">{t("title")}</h2>
      <p className="text-body-secondary">{t(bot.provider === "builtin" ? "intro_builtin" : "intro_llm")}</p>
      <TestsPanel
        botId={bot.id}
        tests={tests.map(({ id, question, expected, mustNotContain, mustUseSource }) => ({ id, question, expected, mustNotContain, mustUseSource }))}
        run={
          run && {
            status: run.status,
            errorCode: run.errorCode,
            total: run.total,
            current: run.current,
            results: run.results.map((r) => ({
              testId: r.testId,
              draft: { reply: r.draftReply, pass: r.draftPass, failures: r.draftFailures ? r.draftFailures.split(",") : [], ms: r.draftMs },
              published: { reply: r.publishedReply, pass: r.publishedPass, failures: r.publishedFailures ? r.publishedFailures.split(",") : [], ms: r.publishedMs },
            })),
          }
        }
        options={{ entries: options.entries, sources: options.sources.map(({ id, name }) => ({ id, name })) }}
      />
    </>
  );
}
