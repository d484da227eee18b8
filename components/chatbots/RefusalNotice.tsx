import Link from "next/link";
import { getTranslations } from "next-intl/server";

export type Refusals = { chatbotId: string; refused: number; quotaReached: boolean; quota: number | null };

/**
 * Tells the owner that the bot's own limits turned visitors away today, why, and where to change
 * it: the daily quota (Settings), or the per-minute bucket visitors share when their address is unknown (Channels).
 */
export async function RefusalNotice({ refusals, botName }: { refusals: Refusals; botName?: string }) {
  const t = await getTranslations("chatbots");
  const { chatbotId, refused, quotaReached, quota } = refusals;
  return (
    <div className="alert alert-warning d-flex gap-2 align-items-start py-2" role="status" data-testid={`refusals-${chatbotId}`}>
      <i className="bi bi-exclamation-triangle mt-1" aria-hidden />
      <div>
        {botName && (
          <>
            <Link href={`/chatbots/${chatbotId}`} className="alert-link" dir="auto">
              {botName}
            </Link>
            {": "}
          </>
        )}
        {quotaReached ? t("refused_quota", { count: refused, quota: quota ?? 0 }) : t("refused_shared", { count: refused })}{" "}
        <Link href={`/chatbots/${chatbotId}/${quotaReached ? "edit" : "channels"}`} className="alert-link">
          {quotaReached ? t("refused_quota_action") : t("refused_shared_action")}
        </Link>
      </div>
    </div>
  );
}
