"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { ChatPanel } from "@/components/chat/ChatPanel";
import type { AvatarBot } from "@/components/chatbots/BotAvatar";

type Props = { publicId: string; name: string; welcome: ReactNode; notice: string; avatar: AvatarBot };

/**
 * The chat inside the widget's iframe. Keys pressed here never reach the host page, so Escape is
 * passed on to widget.js (which closes the panel and gives focus back to the launcher); widget.js
 * asks for focus when it opens the panel again.
 */
export function EmbedChat({ publicId, name, welcome, notice, avatar }: Props) {
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const focusMessage = () => root.current?.querySelector("textarea")?.focus();
    focusMessage();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && window.parent !== window) window.parent.postMessage({ type: "cbf:close" }, "*");
    };
    const onMessage = (event: MessageEvent) => {
      if (event.source === window.parent && event.data?.type === "cbf:focus") focusMessage();
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("message", onMessage);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("message", onMessage);
    };
  }, []);

  return (
    <div ref={root} className="embed-chat">
      <ChatPanel target={{ kind: "visitor", publicId, channel: "widget" }} welcome={welcome} isActive title={name} avatar={avatar} embedded />
      <p className="small text-body-secondary mb-0 px-3 py-1" data-testid="ai-notice">
        {notice}
      </p>
    </div>
  );
}
