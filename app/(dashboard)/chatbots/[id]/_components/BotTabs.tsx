"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useTranslations } from "next-intl";
import Nav from "react-bootstrap/Nav";

const TABS = [
  { key: "playground", segment: null, icon: "bi-chat-dots" },
  { key: "knowledge", segment: "knowledge", icon: "bi-question-circle" },
  { key: "conversations", segment: "conversations", icon: "bi-clock-history" },
  { key: "channels", segment: "channels", icon: "bi-broadcast" },
  { key: "settings", segment: "edit", icon: "bi-sliders" },
] as const;

/** The bot's sections as react-bootstrap tabs; the current one follows the URL, so the layout draws them once. On a phone they stay one row that scrolls sideways. */
export function BotTabs({ botId }: { botId: string }) {
  const t = useTranslations("chatbots");
  const segment = useSelectedLayoutSegment();
  return (
    <Nav as="ul" variant="tabs" className="mb-3 bot-tabs">
      {TABS.map((tab) => {
        const current = tab.segment === segment;
        return (
          <Nav.Item as="li" key={tab.key}>
            <Nav.Link as={Link} href={`/chatbots/${botId}${tab.segment ? `/${tab.segment}` : ""}`} active={current} aria-current={current ? "page" : undefined}>
              <i className={`bi ${tab.icon} me-1`} aria-hidden />
              {t(`section_${tab.key}`)}
            </Nav.Link>
          </Nav.Item>
        );
      })}
    </Nav>
  );
}
