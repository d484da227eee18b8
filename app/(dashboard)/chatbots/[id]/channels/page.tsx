import { getTranslations } from "next-intl/server";
import { requireOwnedBot } from "@/lib/auth/guards";
import { ResendVerification } from "@/components/ResendVerification";
import { getChannels } from "@/lib/db/channels";
import { emailVerifiedOrNotNeeded, getProfile } from "@/lib/db/users";
import { env } from "@/lib/env";
import { appOrigin } from "@/lib/http/origin";
import { clientAddressesKnown } from "@/lib/security/ip";
import { ChannelsForm } from "./_components/ChannelsForm";

type Params = Promise<{ id: string }>;

export async function generateMetadata() {
  const t = await getTranslations("chatbots");
  return { title: t("section_channels") };
}

/** How the bot is put to work: public page, website widget and API, each switched on its own. */
export default async function ChannelsPage({ params }: { params: Params }) {
  const { user, bot } = await requireOwnedBot((await params).id);
  const channels = await getChannels(user, bot.id);
  const t = await getTranslations("channels");
  const verified = await emailVerifiedOrNotNeeded(user);
  return (
    <>
      <p className="text-body-secondary">{t("intro")}</p>
      {(!channels.isActive || channels.adminLocked) && <div className="alert alert-warning">{t("inactive")}</div>}
      {!verified && (
        <div className="alert alert-warning d-flex flex-wrap align-items-center gap-2" data-testid="email-unverified">
          <span className="me-auto">{t("email_unverified", { email: (await getProfile(user)).email })}</span>
          <ResendVerification />
        </div>
      )}
      {!clientAddressesKnown() && (
        <div className="alert alert-info" data-testid="addresses-unknown">
          {t("addresses_unknown", { limit: env().PUBLIC_CHAT_UNKNOWN_IP_PER_MINUTE })}
        </div>
      )}
      <ChannelsForm botId={bot.id} channels={channels} origin={await appOrigin()} />
    </>
  );
}
