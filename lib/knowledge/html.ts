import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { Extracted, Section } from "./extract";

// HTML to sections: the main content (Readability) walked in order, each heading starting a
// section labelled with it. Used for web pages, uploaded .html files and DOCX (via mammoth).

/** Whitespace collapsed inside lines, lines trimmed, at most one blank line, invisible characters off. */
export function normalizeText(text: string): string {
  return (
    text
      .normalize("NFC")
      .replace(/\r\n?/g, "\n")
      // Zero-width characters and soft hyphens carry nothing a reader sees.
      .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "")
      .replace(/[^\S\n]+/g, " ")
      .split("\n")
      .map((line) => line.trim())
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}

const SKIP = new Set(["script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "button", "select", "textarea", "input", "img", "video", "audio", "head", "title", "meta", "link"]);
const BOILERPLATE = new Set(["nav", "header", "footer", "aside", "form", "dialog"]);
const HEADING = /^h[1-6]$/;
const BLOCK = new Set([
  "p", "div", "section", "article", "main", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "figure",
  "figcaption", "address", "details", "summary", "fieldset", "legend", "hr", "body", "html", "center",
  "header", "footer", "aside", "nav", "form", "caption", "tbody", "thead", "tfoot", "tr", "td", "th",
]);

type DomNode = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode> };
type DomElement = DomNode & { tagName: string; querySelectorAll(selector: string): ArrayLike<DomElement> };

/** Walks an element tree into sections: headings become labels, tables become "cell | cell" rows. */
function sectionsOf(root: DomNode, skipBoilerplate: boolean): Section[] {
  const sections: Section[] = [];
  let label: string | null = null;
  let blocks: string[] = [];
  let inline = "";
  const flushInline = () => {
    const text = normalizeText(inline);
    if (text) blocks.push(text);
    inline = "";
  };
  const flushSection = () => {
    flushInline();
    const text = blocks.join("\n\n");
    if (text) sections.push({ text, label });
    blocks = [];
  };
  const walk = (node: DomNode) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        inline += child.textContent ?? "";
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = child.nodeName.toLowerCase();
      if (SKIP.has(tag) || (skipBoilerplate && BOILERPLATE.has(tag))) continue;
      if (HEADING.test(tag)) {
        flushSection();
        label = normalizeText((child.textContent ?? "").replace(/\n/g, " ")) || null;
        continue;
      }
      if (tag === "br") {
        inline += "\n";
        continue;
      }
      if (tag === "table") {
        flushInline();
        const rows = tableRows(child as DomElement);
        if (rows) blocks.push(rows);
        continue;
      }
      if (BLOCK.has(tag)) {
        flushInline();
        walk(child);
        flushInline();
        continue;
      }
      walk(child);
    }
  };
  walk(root);
  flushSection();
  return sections;
}

function tableRows(table: DomElement): string {
  const lines: string[] = [];
  for (const row of Array.from(table.querySelectorAll("tr"))) {
    const cells = Array.from(row.childNodes)
      .filter((c) => c.nodeType === 1 && /^(td|th)$/i.test(c.nodeName))
      .map((c) => normalizeText((c.textContent ?? "").replace(/\s+/g, " ")));
    if (cells.some(Boolean)) lines.push(cells.join(" | "));
  }
  return lines.join("\n");
}

/** Sections of an HTML fragment (mammoth's output), in document order. */
export function htmlFragmentSections(html: string): Section[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return sectionsOf(document.body as unknown as DomNode, false);
}

/** An href to an absolute http(s) URL without its fragment, or null. */
function absoluteLink(href: string, base: string | null): string | null {
  try {
    const url = base ? new URL(href, base) : new URL(href);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.hash = "";
    return url.href;
  } catch {
    return null;
  }
}

/**
 * linkedom builds no implied <body> (a browser does): a page or fragment without one is wrapped,
 * else its text would sit outside document.body.
 */
function withBody(html: string): string {
  if (/<body[\s>]/i.test(html)) return html;
  return `<!doctype html><html><body>${html.replace(/^\s*<!doctype[^>]*>/i, "").replace(/<\/?(html|head)(\s[^>]*)?>/gi, "")}</body></html>`;
}

export async function extractHtml(source: string, url: string | null): Promise<Extracted & { links: string[] }> {
  const html = withBody(source);
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;

  const links: string[] = [];
  const seen = new Set<string>();
  for (const a of Array.from(doc.querySelectorAll("a[href], area[href]"))) {
    const link = absoluteLink(a.getAttribute("href") ?? "", url);
    if (link && !seen.has(link)) {
      seen.add(link);
      links.push(link);
    }
  }

  const pageTitle = normalizeText(doc.querySelector("title")?.textContent ?? "") || null;
  const h1 = normalizeText(doc.querySelector("h1")?.textContent ?? "") || null;

  // Readability changes the document it reads: it gets its own copy.
  let sections: Section[] = [];
  let articleTitle: string | null = null;
  try {
    const copy = parseHTML(html).document as unknown as Document;
    const article = new Readability<DomNode>(copy, { serializer: (node) => node as unknown as DomNode }).parse();
    if (article?.content) sections = sectionsOf(article.content, false);
    // Readability takes the h1 for the title and drops it: it still names the opening section.
    if (sections[0] && sections[0].label === null && h1) sections[0] = { ...sections[0], label: h1 };
    articleTitle = article?.title ? normalizeText(article.title) || null : null;
  } catch {
    sections = [];
  }
  // Short pages (opening hours, a menu) can fall below what Readability calls an article, and it
  // drops the h1 it takes for the title: the whole body, less navigation and chrome, is kept then.
  const bodySections = doc.body ? sectionsOf(doc.body as unknown as DomNode, true) : [];
  const length = (list: Section[]) => list.reduce((n, s) => n + s.text.length, 0);
  if (length(sections) < 0.5 * length(bodySections)) sections = bodySections;
  return { title: pageTitle ?? articleTitle ?? h1, sections, links };
}
