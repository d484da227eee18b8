import type { ExtractErrorCode, FileKind } from "./extract";

// A cheap first look at an upload, in the request that brings it: the type from the bytes
// (whatever the name says), so a picture named menu.pdf is refused on its own row at once. Only
// the indexing job reads the file whole (lib/knowledge/extract.ts) and may still refuse it.

export type FileTypeResult = { ok: true; fileType: FileKind } | { ok: false; code: ExtractErrorCode | "file_empty" };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
// Control characters that text does not hold (tab, LF, FF, CR and ESC excepted).
const BINARY_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f]/;
const TEXT_SAMPLE = 64 * 1024;

function extension(name: string) {
  return /\.([a-z0-9]+)$/i.exec(name.trim())?.[1].toLowerCase() ?? "";
}

export function sniffFileType(bytes: Uint8Array, name: string): FileTypeResult {
  if (bytes.byteLength === 0) return { ok: false, code: "file_empty" };
  if (buffer(bytes).subarray(0, 1024).indexOf("%PDF-", 0, "latin1") !== -1) return { ok: true, fileType: "pdf" };
  // A zip is a DOCX only with its main part; names sit uncompressed in the archive.
  if (startsWith(bytes, ZIP)) return buffer(bytes).indexOf("word/document.xml", 0, "latin1") !== -1 ? { ok: true, fileType: "docx" } : { ok: false, code: "file_type_unsupported" };
  if (startsWith(bytes, CFB)) return { ok: false, code: buffer(bytes).indexOf(Buffer.from("EncryptedPackage", "utf16le")) !== -1 ? "file_encrypted" : "file_type_unsupported" };
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!utf16) {
    const sample = bytes.subarray(0, TEXT_SAMPLE);
    if (sample.includes(0)) return { ok: false, code: "file_type_unsupported" };
    // Cut mid-character at the sample's end is harmless: the replacement character is no control character.
    if (BINARY_CONTROL.test(new TextDecoder("utf-8").decode(sample))) return { ok: false, code: "file_type_unsupported" };
  }
  const ext = extension(name);
  const head = new TextDecoder(utf16 ? (bytes[0] === 0xff ? "utf-16le" : "utf-16be") : "utf-8").decode(bytes.subarray(0, 4096));
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(head.replace(/^\ufeff/, "")) || ["html", "htm", "xhtml"].includes(ext)) return { ok: true, fileType: "html" };
  if (["md", "markdown", "mdown", "mkd"].includes(ext)) return { ok: true, fileType: "markdown" };
  if (ext === "csv" || ext === "tsv") return { ok: true, fileType: "csv" };
  return { ok: true, fileType: "txt" };
}
