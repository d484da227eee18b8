import type { ReactNode } from "react";
import { requireOwnedBot } from "@/lib/auth/guards";
import { refusalsToday } from "@/lib/db/usage";
import { draftStatus } from "@/lib/db/versions";
import { BotHeader } from "./_components/BotHeader";

/** Every page of one bot: the bot read once (shared with the page through cache()), its header and tabs. */
export default async function BotLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { user, bot } = await requireOwnedBot((await params).id);
  const [[refusals], draft] = await Promise.all([refusalsToday(user, bot.id), draftStatus(user, bot.id)]);
  return (
    <>
      <BotHeader bot={bot} refusals={refusals} unpublished={draft.unpublished} />
      {children}
    </>
  );
}
