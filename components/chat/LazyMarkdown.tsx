"use client";

import { Suspense, lazy } from "react";

// The markdown renderer (react-markdown and its parser, ~34 kB gzip) is fetched the first time a
// client component has markdown to show that the server could not render: a streamed reply, a
// welcome message being typed. Until it has arrived the text shows as written, never empty.
const load = () => import("./Markdown");
const Rendered = lazy(() => load().then((m) => ({ default: m.Markdown })));

/** Starts fetching the renderer before it is needed (e.g. when a visitor starts typing). */
export function preloadMarkdown() {
  void load();
}

export function LazyMarkdown({ text }: { text: string }) {
  return (
    <Suspense
      fallback={
        <div className="chat-markdown text-prewrap" dir="auto">
          {text}
        </div>
      }
    >
      <Rendered text={text} />
    </Suspense>
  );
}
