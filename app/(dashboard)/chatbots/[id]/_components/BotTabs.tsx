"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useTranslations } from "next-intl";
import Nav from "react-bootstrap/Nav";

const TABS = [
  { key: "playground", segment: null, icon: "bi-chat-dots" },
  { key: "knowledge", segment: "knowledge", icon: "bi-question-circle" },
  { key: "conversations", segment: "conversations", icon: "bi-clock-history" },
  { key: "unanswered", segment: "unanswered", icon: "bi-patch-question" },
  { key: "analytics", segment: "analytics", icon: "bi-graph-up" },
  { key: "channels", segment: "channels", icon: "bi-broadcast" },
  { key: "versions", segment: "versions", icon: "bi-layers" },
  { key: "tests", segment: "tests", icon: "bi-check2-square" },
  { key: "settings", segment: "edit", icon: "bi-sliders" },
] as const;

/**
 * The bot's sections; the current one follows the URL, so the layout draws them once. One row
 * at every width: on a phone it scrolls sideways (three wrapped rows pushed the page down), with
 * the current tab brought into view.
 */
export function BotTabs({ botId }: { botId: string }) {
  const t = useTranslations("chatbots");
  const segment = useSelectedLayoutSegment();
  const row = useRef<HTMLElement>(null);

  useEffect(() => {
    const nav = row.current;
    const current = nav?.querySelector<HTMLElement>("[aria-current=page]");
    if (!current) return;
    // "nearest": the row scrolls (either direction, RTL too) only when the tab is cut off; the page
    // stays where it is when the row is in view.
    const reveal = () => current.scrollIntoView({ block: "nearest", inline: "nearest" });
    // Observed, not run once: the tab widths change when the icon font and text fonts arrive
    // after the first paint, which left the current tab half off screen on a slow load.
    const observer = new ResizeObserver(reveal);
    observer.observe(current);
    return () => observer.disconnect();
  }, [segment]);

  return (
    <nav ref={row} className="overflow-x-auto mb-3 nav-scroll" aria-label={t("sections")} data-testid="bot-tabs">
      <Nav as="ul" variant="tabs" className="flex-nowrap bot-tabs">
        {TABS.map((tab) => {
          const current = tab.segment === segment;
          return (
            <Nav.Item as="li" key={tab.key}>
              <Nav.Link as={Link} href={`/chatbots/${botId}${tab.segment ? `/${tab.segment}` : ""}`} className="text-nowrap" active={current} aria-current={current ? "page" : undefined}>
                <i className={`bi ${tab.icon} me-1`} aria-hidden />
                {t(`section_${tab.key}`)}
              </Nav.Link>
            </Nav.Item>
          );
        })}
      </Nav>
    </nav>
  );
}
