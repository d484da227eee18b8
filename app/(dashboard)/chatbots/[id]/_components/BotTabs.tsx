"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useTranslations } from "next-intl";

const TABS = [
  { key: "playground", segment: null, icon: "bi-chat-dots" },
  { key: "knowledge", segment: "knowledge", icon: "bi-question-circle" },
  { key: "conversations", segment: "conversations", icon: "bi-clock-history" },
  { key: "channels", segment: "channels", icon: "bi-broadcast" },
  { key: "settings", segment: "edit", icon: "bi-sliders" },
] as const;

/** The bot's sections; the current one follows the URL, so the layout draws them once. */
export function BotTabs({ botId }: { botId: string }) {
  const t = useTranslations("chatbots");
  const segment = useSelectedLayoutSegment();
  return (
    <ul className="nav nav-tabs mb-3">
      {TABS.map((tab) => {
        const current = tab.segment === segment;
        return (
          <li className="nav-item" key={tab.key}>
            <Link href={`/chatbots/${botId}${tab.segment ? `/${tab.segment}` : ""}`} className={`nav-link ${current ? "active" : ""}`} aria-current={current ? "page" : undefined}>
              <i className={`bi ${tab.icon} me-1`} aria-hidden />
              {t(`section_${tab.key}`)}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
