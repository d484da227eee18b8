import Papa from "papaparse";
import type { ErrorCode } from "@/lib/errors";
import { KNOWLEDGE_LIMITS, knowledgeEntrySchema } from "./knowledge";
import { fieldErrorsOf } from "./parse";

export type CsvRowError = { row: number; field: "question" | "answer" | "row"; code: ErrorCode };
export type CsvResult =
  | { ok: true; entries: { question: string; answer: string }[] }
  | { ok: false; code: "csv_empty" | "csv_too_many_rows" | "csv_invalid"; rowErrors: CsvRowError[] };

/**
 * Reads question,answer rows (RFC 4180: quotes, commas and line breaks inside quotes). An
 * optional header row `question,answer` is skipped. All rows are checked; any bad row means
 * nothing is imported, and every bad row is reported by its line number in the file.
 */
export function parseKnowledgeCsv(text: string): CsvResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  let rows = parsed.data;
  let first = 1;
  if (rows[0] && rows[0].map((c) => c.trim().toLowerCase()).join(",") === "question,answer") {
    rows = rows.slice(1);
    first = 2;
  }
  if (!rows.length) return { ok: false, code: "csv_empty", rowErrors: [] };
  if (rows.length > KNOWLEDGE_LIMITS.importRows) return { ok: false, code: "csv_too_many_rows", rowErrors: [] };

  const entries: { question: string; answer: string }[] = [];
  const rowErrors: CsvRowError[] = [];
  rows.forEach((cells, index) => {
    const row = first + index;
    if (cells.length !== 2) return rowErrors.push({ row, field: "row", code: "csv_invalid" });
    const result = knowledgeEntrySchema.safeParse({ question: cells[0], answer: cells[1] });
    if (result.success) return entries.push(result.data);
    for (const [field, code] of Object.entries(fieldErrorsOf(result.error))) rowErrors.push({ row, field: field as "question" | "answer", code });
  });
  return rowErrors.length ? { ok: false, code: "csv_invalid", rowErrors } : { ok: true, entries };
}
