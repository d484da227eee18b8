import { useTranslations } from "next-intl";
import Badge from "react-bootstrap/Badge";

export function ActiveBadge({ isActive }: { isActive: boolean }) {
  const t = useTranslations("chatbots");
  return (
    <Badge bg={isActive ? "success" : "secondary"}>
      {isActive ? t("active") : t("inactive")}
    </Badge>
  );
}
