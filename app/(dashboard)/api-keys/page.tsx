import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { apiKeyBotChoices, listApiKeys } from "@/lib/db/api-keys";
import { ApiKeyForm } from "./_components/ApiKeyForm";
import { ApiKeyList } from "./_components/ApiKeyList";

export async function generateMetadata() {
  return { title: (await getTranslations("apiKeys"))("title") };
}

export default async function ApiKeysPage() {
  const user = await requireUser();
  const [keys, bots] = await Promise.all([listApiKeys(user), apiKeyBotChoices(user)]);
  const t = await getTranslations("apiKeys");

  return (
    <div className="row g-4">
      <div className="col-12">
        <h1 className="h3 mb-1">{t("title")}</h1>
        <p className="text-body-secondary mb-0">{t("intro")}</p>
      </div>
      <section className="col-lg-7" aria-labelledby="keys-title">
        <h2 id="keys-title" className="h5">
          {t("list_title", { count: keys.length })}
        </h2>
        <ApiKeyList keys={keys} />
      </section>
      <section className="col-lg-5" aria-labelledby="new-key-title">
        <div className="card">
          <div className="card-body">
            <h2 id="new-key-title" className="h5 mb-3">
              {t("create_title")}
            </h2>
            <ApiKeyForm bots={bots} />
          </div>
        </div>
      </section>
    </div>
  );
}
