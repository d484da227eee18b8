"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { revokeApiKeyAction } from "@/app/(dashboard)/api-keys/actions";
import Badge from "react-bootstrap/Badge";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { useToast } from "@/components/ui/Toasts";

type Key = {
  id: string;
  name: string;
  prefix: string;
  allBots: boolean;
  bots: { id: string; name: string }[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  state: "active" | "expired" | "revoked";
};

/** The user's keys: name, prefix, scope, dates, state; revoke. Never the key itself. */
export function ApiKeyList({ keys }: { keys: Key[] }) {
  const t = useTranslations("apiKeys");
  const format = useFormatter();
  const toast = useToast();
  const router = useRouter();
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "medium", timeStyle: "short" }) : t("never"));

  if (!keys.length) return <p className="text-body-secondary">{t("empty")}</p>;
  return (
    <ul className="list-group" data-testid="api-key-list">
      {keys.map((key) => {
        const { state } = key;
        return (
          <li key={key.id} className="list-group-item d-flex gap-3 align-items-start" data-testid="api-key">
            <div className="flex-grow-1 min-w-0">
              <div className="d-flex flex-wrap gap-2 align-items-center">
                <span className="fw-semibold text-break" dir="auto">
                  {key.name}
                </span>
                <code dir="ltr">{key.prefix}…</code>
                <Badge bg={state === "active" ? "success" : "secondary"}>{t(`state_${state}`)}</Badge>
              </div>
              <div className="small text-body-secondary">
                {key.allBots ? t("scope_all") : t("scope_bots", { bots: key.bots.map((b) => b.name).join(", ") || "—" })}
              </div>
              <dl className="small mb-0 d-flex flex-wrap column-gap-3">
                <div>
                  <dt className="d-inline fw-normal text-body-secondary">{t("created")}: </dt>
                  <dd className="d-inline">{when(key.createdAt)}</dd>
                </div>
                <div>
                  <dt className="d-inline fw-normal text-body-secondary">{t("expires")}: </dt>
                  <dd className="d-inline">{when(key.expiresAt)}</dd>
                </div>
                <div>
                  <dt className="d-inline fw-normal text-body-secondary">{t("last_used")}: </dt>
                  <dd className="d-inline" data-testid="last-used">
                    {when(key.lastUsedAt)}
                  </dd>
                </div>
                {key.revokedAt && (
                  <div>
                    <dt className="d-inline fw-normal text-body-secondary">{t("revoked")}: </dt>
                    <dd className="d-inline">{when(key.revokedAt)}</dd>
                  </div>
                )}
              </dl>
            </div>
            {!key.revokedAt && (
              <ConfirmButton
                size="sm"
                ariaLabel={t("revoke_named", { name: key.name })}
                title={t("revoke_title")}
                text={t("revoke_text", { name: key.name })}
                confirmLabel={t("revoke")}
                action={() => revokeApiKeyAction.bind(null, key.id)()}
                onDone={() => {
                  toast.success(t("revoked_toast"));
                  router.refresh();
                }}
              >
                {t("revoke")}
              </ConfirmButton>
            )}
          </li>
        );
      })}
    </ul>
  );
}
