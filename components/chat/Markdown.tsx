// No "use client": server pages render markdown where the text is known (no renderer shipped);
// client components load this module on demand through LazyMarkdown.
import ReactMarkdown, { type Components } from "react-markdown";

// Bot replies are untrusted: markdown only, raw HTML dropped, links open in a new tab without
// access to this page, and images become links, so nothing loads by itself.
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
      {children}
    </a>
  ),
  img: ({ src, alt }) =>
    typeof src === "string" && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow ugc">
        {alt || src}
      </a>
    ) : (
      <>{alt}</>
    ),
};

export function Markdown({ text }: { text: string }) {
  return (
    // dir="auto": user-written text takes its own direction, also inside an Arabic page.
    <div className="chat-markdown" dir="auto">
      <ReactMarkdown skipHtml components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
