import { useTranslations } from "next-intl";

export function ActiveBadge({ isActive }: { isActive: boolean }) {
  const t = useTranslations("chatbots");
  return <span className={`badge ${isActive ? "text-bg-success" : "text-bg-secondary"}`}>{isActive ? t("active") : t("inactive")}</span>;
}
