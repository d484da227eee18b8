import { inflateRawSync } from "node:zlib";
import Papa from "papaparse";
import { extractHtml, htmlFragmentSections, normalizeText } from "./html";
import { EXTRACT_ERROR_CODES } from "./error-codes";
import { readPdf } from "./pdf-worker";

export { EXTRACT_ERROR_CODES };

// Turning an uploaded file into text sections with a label (page or heading) for citations.
// The type comes from the bytes; the name only tells text kinds apart (.md, .csv, .txt).

export type Section = { text: string; label: string | null };
export type Extracted = { title: string | null; sections: Section[]; pages?: number };
export type ExtractErrorCode = (typeof EXTRACT_ERROR_CODES)[number];

export class ExtractError extends Error {
  constructor(readonly code: ExtractErrorCode) {
    super(code);
    this.name = "ExtractError";
  }
}

/** A PDF's text is read on a thread of its own, stopped after this long (`file_timeout`). */
export const PDF_TIMEOUT_MS = 60_000;
export type ExtractLimits = { maxBytes: number; maxPdfPages: number; pdfTimeoutMs?: number };
export type FileKind = "pdf" | "docx" | "txt" | "markdown" | "csv" | "html";

export { extractHtml };

/** Detects the real type from the bytes (magic numbers / structure), never trusting the name; the name only disambiguates text kinds (.md vs .txt vs .csv). */
export async function extractFile(
  bytes: Uint8Array,
  fileName: string,
  limits: ExtractLimits,
): Promise<Extracted & { kind: FileKind }> {
  if (bytes.byteLength > limits.maxBytes) throw new ExtractError("file_too_large");
  const result = await extractByContent(bytes, fileName, limits);
  const sections = result.sections.filter((s) => s.text.length > 0);
  if (sections.length === 0) throw new ExtractError("file_no_text");
  return { ...result, sections };
}

async function extractByContent(bytes: Uint8Array, fileName: string, limits: ExtractLimits): Promise<Extracted & { kind: FileKind }> {
  if (isPdf(bytes)) return { kind: "pdf", ...(await extractPdf(bytes, limits)) };
  if (startsWith(bytes, ZIP_MAGIC)) return { kind: "docx", ...(await extractDocx(bytes)) };
  if (startsWith(bytes, CFB_MAGIC)) {
    // Word saves a password-protected .docx as an OLE compound file holding "EncryptedPackage".
    throw new ExtractError(containsUtf16(bytes, "EncryptedPackage") ? "file_encrypted" : "file_type_unsupported");
  }
  const text = decodeText(bytes);
  const ext = extension(fileName);
  if (looksLikeHtml(text) || ext === "html" || ext === "htm" || ext === "xhtml") {
    const { title, sections } = await extractHtml(text, null);
    return { kind: "html", title, sections };
  }
  if (ext === "md" || ext === "markdown" || ext === "mdown" || ext === "mkd") return { kind: "markdown", ...extractMarkdown(text) };
  if (ext === "csv" || ext === "tsv") return { kind: "csv", ...extractCsv(text) };
  return { kind: "txt", ...extractTxt(text) };
}

// ---------------------------------------------------------------------------------------------
// Sniffing

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

/** "%PDF-" in the first KiB, as readers accept it (some writers put junk before it). */
function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  return head.indexOf("%PDF-", 0, "latin1") !== -1;
}

function containsUtf16(bytes: Uint8Array, word: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(Buffer.from(word, "utf16le")) !== -1;
}

function extension(fileName: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(fileName.trim());
  return m ? m[1].toLowerCase() : "";
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(text.slice(0, 4096));
}

// Control characters that text files do not hold (tab, LF, FF, CR and ESC excepted).
const BINARY_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f]/g;

/**
 * UTF-8 (BOM dropped) or UTF-16 with a BOM; text that is not valid UTF-8 but has no control
 * characters is read as Windows-1252 (what spreadsheet programs save CSV in); anything else is
 * binary and refused.
 */
function decodeText(bytes: Uint8Array): string {
  let text: string;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    try {
      text = new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be", { fatal: true }).decode(bytes);
    } catch {
      throw new ExtractError("file_type_unsupported");
    }
  } else if (bytes.includes(0)) {
    throw new ExtractError("file_type_unsupported");
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder("windows-1252").decode(bytes);
    }
  }
  if ((text.match(BINARY_CONTROL)?.length ?? 0) > 0) throw new ExtractError("file_type_unsupported");
  return text.replace(/^\ufeff/, "");
}

// ---------------------------------------------------------------------------------------------
// PDF

async function extractPdf(bytes: Uint8Array, limits: ExtractLimits): Promise<Extracted> {
  const read = await readPdf(bytes, limits.maxPdfPages, limits.pdfTimeoutMs ?? PDF_TIMEOUT_MS);
  if ("error" in read) throw new ExtractError(read.error);
  const sections: Section[] = [];
  read.texts.forEach((raw, i) => {
    const text = normalizeText(joinHyphenation(raw));
    if (text) sections.push({ text, label: `p. ${i + 1}` });
  });
  // Pages with no text at all: a scan or photos, which we cannot read without OCR.
  if (sections.length === 0) throw new ExtractError("file_no_text");
  return { title: read.title ? normalizeText(read.title) : null, sections, pages: read.pages };
}

/** "bread-\nbasket" → "breadbasket": a word broken at a line end (lower-case letter after). */
function joinHyphenation(text: string): string {
  return text.replace(/(\p{L})[-\u00ad]\s*\n\s*(\p{Ll})/gu, "$1$2");
}

// ---------------------------------------------------------------------------------------------
// DOCX: the zip is vetted from its central directory before mammoth opens it.

/** Limits for an uploaded DOCX: a real one has a few dozen parts and compresses XML 5–30×. */
export const ZIP_LIMITS = {
  maxEntries: 1000,
  maxTotalUncompressed: 100 * 1024 * 1024,
  /** Ratio checked only for entries above ratioFloor (tiny parts compress oddly). */
  maxRatio: 100,
  ratioFloor: 1024 * 1024,
};

const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);

type ZipEntry = { name: string; method: number; flags: number; compressedSize: number; size: number; localOffset: number };

function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record sits in the last 22 bytes plus at most a 64 KiB comment.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ExtractError("file_corrupt");
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  // ZIP64 markers: no real DOCX needs 65,535 parts or 4 GiB.
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ExtractError("file_archive_bomb");
  if (count > ZIP_LIMITS.maxEntries) throw new ExtractError("file_archive_bomb");
  if (cdOffset + cdSize > eocd) throw new ExtractError("file_corrupt");
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) throw new ExtractError("file_corrupt");
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + p + 46, Math.min(nameLength, eocd - p - 46)).toString("utf8");
    if (size === 0xffffffff || compressedSize === 0xffffffff) throw new ExtractError("file_archive_bomb");
    total += size;
    if (total > ZIP_LIMITS.maxTotalUncompressed) throw new ExtractError("file_archive_bomb");
    // Only parts we inflate (XML) are held to a ratio: an image is never inflated, and a BMP may compress well.
    if (isXmlPart(name) && size > ZIP_LIMITS.ratioFloor && size > ZIP_LIMITS.maxRatio * Math.max(1, compressedSize)) throw new ExtractError("file_archive_bomb");
    entries.push({ name, method, flags, compressedSize, size, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates one entry, never past its declared size: a part that lies about its size is a bomb. */
function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Buffer {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw new ExtractError("file_corrupt");
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new ExtractError("file_corrupt");
  const data = Buffer.from(bytes.buffer, bytes.byteOffset + start, entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ExtractError("file_corrupt");
    return data;
  }
  if (entry.method !== 8) throw new ExtractError("file_corrupt");
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    // Node refuses to inflate past maxOutputLength with a RangeError.
    throw new ExtractError((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError ? "file_archive_bomb" : "file_corrupt");
  }
  if (out.length !== entry.size) throw new ExtractError("file_corrupt");
  return out;
}

async function extractDocx(bytes: Uint8Array): Promise<Extracted> {
  const entries = readCentralDirectory(bytes);
  if (!entries.some((e) => e.name === "word/document.xml")) throw new ExtractError("file_type_unsupported");
  if (entries.some((e) => e.flags & 1)) throw new ExtractError("file_encrypted");
  let coreTitle: string | null = null;
  // Every XML part mammoth may read is inflated here first, within its declared size: mammoth's
  // zip reader would otherwise inflate a lying part whole. A DTD has no place in OOXML (XML bombs).
  for (const entry of entries) {
    if (!isXmlPart(entry.name)) continue;
    const xml = inflateEntry(bytes, entry);
    if (xml.indexOf("<!DOCTYPE") !== -1 || xml.indexOf("<!ENTITY") !== -1) throw new ExtractError("file_archive_bomb");
    if (entry.name === "docProps/core.xml") coreTitle = titleFromCoreXml(xml.toString("utf8"));
  }
  const mammoth = (await import("mammoth")).default;
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      // Images carry no text: never read or inline them.
      { convertImage: mammoth.images.imgElement(async () => ({ src: "" })), ignoreEmptyParagraphs: true },
    );
    html = result.value;
  } catch {
    throw new ExtractError("file_corrupt");
  }
  const sections = htmlFragmentSections(html);
  const firstHeading = sections.find((s) => s.label)?.label ?? null;
  return { title: coreTitle ?? firstHeading, sections };
}

function titleFromCoreXml(xml: string): string | null {
  const m = /<dc:title>([^<]*)<\/dc:title>/.exec(xml);
  if (!m) return null;
  const title = normalizeText(
    m[1]
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&"),
  );
  return title || null;
}

// ---------------------------------------------------------------------------------------------
// Plain text kinds

function extractTxt(text: string): Extracted {
  const sections = paragraphs(text).map((p) => ({ text: p, label: null }));
  return { title: null, sections };
}

function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map(normalizeText)
    .filter(Boolean);
}

function extractCsv(text: string): Extracted {
  const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, "\n"), { skipEmptyLines: "greedy" });
  const rows = parsed.data;
  if (rows.length === 0) return { title: null, sections: [] };
  const header = rows[0].map((h) => normalizeText(h ?? ""));
  const sections: Section[] = [];
  // The first row names the columns; a file of only that row holds no data.
  for (const row of rows.slice(1)) {
    const lines: string[] = [];
    row.forEach((cell, i) => {
      const value = normalizeText(cell ?? "");
      if (!value) return;
      const name = header[i];
      lines.push(name ? `${name}: ${value}` : value);
    });
    if (lines.length) sections.push({ text: lines.join("\n"), label: null });
  }
  return { title: null, sections };
}

/** Markdown split at its headings (ATX "# x" and setext "x\n==="), outside fenced code. */
function extractMarkdown(text: string): Extracted {
  const lines = text.replace(/\r\n?/g, "\n").replace(/^---\n[\s\S]*?\n---\n/, "").split("\n");
  const sections: Section[] = [];
  let label: string | null = null;
  let title: string | null = null;
  let buffer: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    const body = paragraphs(buffer.map(markdownInline).join("\n")).join("\n\n");
    if (body) sections.push({ text: body, label });
    buffer = [];
  };
  const heading = (level: number, raw: string) => {
    flush();
    label = normalizeText(markdownInline(raw)) || null;
    if (level === 1 && title === null) title = label;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      if (fence === null) fence = fenceMatch[1][0];
      else if (fenceMatch[1][0] === fence) fence = null;
      continue;
    }
    if (fence !== null) {
      buffer.push(line);
      continue;
    }
    const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (atx) {
      heading(atx[1].length, atx[2]);
      continue;
    }
    const next = lines[i + 1];
    if (line.trim() && next !== undefined && /^\s{0,3}(=+|-+)\s*$/.test(next) && !/^\s*([-*+]\s|\|)/.test(line)) {
      heading(next.trim()[0] === "=" ? 1 : 2, line);
      i++;
      continue;
    }
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line) && line.includes("|")) continue; // table rule
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      buffer.push("");
      continue;
    }
    buffer.push(line);
  }
  flush();
  return { title, sections };
}

/** Markup off, words kept: links and images to their text, emphasis and code marks dropped. */
function markdownInline(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/(\*\*|__|~~)(?=\S)(.+?)\1/g, "$2")
    .replace(/(^|\W)[*_](?=\S)(.+?)[*_](?=\W|$)/g, "$1$2")
    .replace(/`+([^`]*)`+/g, "$1")
    .replace(/^\s{0,3}>\s?/, "")
    .replace(/^\s*\|(.*)\|\s*$/, (_, cells: string) =>
      cells
        .split("|")
        .map((c) => c.trim())
        .join(" | "),
    );
}
