import { getTimeZone, getTranslations } from "next-intl/server";
import { AnalyticsView } from "@/components/analytics/AnalyticsView";
import { requireOwnedBot } from "@/lib/auth/guards";
import { periodOf, readAnalytics } from "@/lib/db/analytics";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ days?: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("analytics"))("title") };
}

/** How the bot does: its activity over the last 7, 30 or 90 days, in the viewer's time zone. */
export default async function AnalyticsPage({ params, searchParams }: Props) {
  const { user, bot } = await requireOwnedBot((await params).id);
  const [t, timeZone] = await Promise.all([getTranslations("analytics"), getTimeZone()]);
  const data = await readAnalytics(user, { botId: bot.id, period: periodOf((await searchParams).days), timeZone });
  return (
    <>
      <h2 className="h5">{t("title")}</h2>
      <AnalyticsView data={data} path={`/chatbots/${bot.id}/analytics`} empty={t("empty_bot")} />
    </>
  );
}
