// Why a file or a web page gives no knowledge: codes only (no dependencies), so lib/errors.ts can
// list them for every page while the extractor and the fetcher throw them.

/** lib/knowledge/extract.ts's refusals of a file. */
export const EXTRACT_ERROR_CODES = [
  "file_type_unsupported",
  "file_encrypted",
  "file_no_text",
  "file_corrupt",
  "file_too_large",
  "file_too_many_pages",
  "file_archive_bomb",
  "file_timeout",
] as const;

/** lib/http/safe-fetch.ts's refusals of an address. */
export const FETCH_ERROR_CODES = [
  "url_invalid",
  "url_blocked",
  "url_unreachable",
  "url_timeout",
  "url_too_large",
  "url_not_html",
  "url_http_error",
  "robots_disallowed",
] as const;
