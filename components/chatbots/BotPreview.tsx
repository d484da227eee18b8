"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { LazyMarkdown } from "@/components/chat/LazyMarkdown";
import { BotAvatar } from "./BotAvatar";

type Props = {
  name: string;
  welcome: string;
  /** `welcome` as the server rendered it, while it is still the saved text. */
  welcomeView?: ReactNode;
 avatar: { id?: string; avatarIcon: string | null; avatarColor: string | null; avatarImageHash?: string | null } };

/** The chat window as a visitor first sees it, following the form as it is typed. */
export function BotPreview({ name, welcome, welcomeView, avatar }: Props) {
  const t = useTranslations("chatbots");
  return (
    <section className="bot-preview-wrap" aria-labelledby="bot-preview-title">
      <h2 id="bot-preview-title" className="h6 text-body-secondary mb-1">
        <i className="bi bi-eye me-1" aria-hidden />
        {t("preview")}
      </h2>
      <p className="small text-body-secondary mb-2">{t("preview_hint")}</p>
      <div className="chat-widget" data-testid="bot-preview">
        <div className="chat-widget-header">
          <BotAvatar bot={avatar} />
          <span className="fw-semibold text-break" data-testid="preview-name">
            {name.trim() || t("preview_name")}
          </span>
        </div>
        <div className="chat-widget-body">
          {welcome.trim() ? (
            <div className="chat-row chat-row-bot">
              <BotAvatar bot={avatar} size="sm" />
              <div className="chat-line chat-assistant" data-testid="preview-welcome">
                {welcomeView ?? <LazyMarkdown text={welcome} />}
              </div>
            </div>
          ) : (
            <p className="small text-body-secondary text-center my-4">{t("preview_empty")}</p>
          )}
        </div>
        <div className="chat-widget-input" aria-hidden>
          <span>{t("preview_input")}</span>
          <i className="bi bi-send-fill" />
        </div>
      </div>
    </section>
  );
}
