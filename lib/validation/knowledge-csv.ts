import Papa from "papaparse";
import type { ErrorCode } from "@/lib/errors";
import { KNOWLEDGE_LIMITS, knowledgeEntrySchema } from "./knowledge";
import { fieldErrorsOf } from "./parse";

/** One problem of one row: a wrong number of cells (`cells` says how many), or a question or answer empty or too long. */
export type CsvRowError = { row: number; field: "question" | "answer" | "row"; code: ErrorCode | "csv_columns"; cells?: number };
export type CsvEntry = { row: number; question: string; answer: string };
export type CsvResult =
  | { ok: true; entries: CsvEntry[] }
  | { ok: false; code: "csv_empty" | "csv_too_many_rows" | "csv_not_text"; rowErrors: CsvRowError[] }
  /** Some rows are wrong: nothing may be imported, but the good rows are there for a preview. */
  | { ok: false; code: "csv_invalid"; rowErrors: CsvRowError[]; entries: CsvEntry[] };

// What no text file holds: NUL and the other C0 controls but tab and line breaks, DEL, and the
// replacement character that decoding bytes which are not UTF-8 leaves behind.
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;

/** Whether decoded file contents are text a person could have written, not a binary file named .csv. */
export function looksLikeText(text: string): boolean {
  return !NOT_TEXT.test(text);
}

/**
 * Reads question,answer rows (RFC 4180: quotes, commas and line breaks inside quotes; the
 * separator is guessed, so a spreadsheet's semicolon file works too). An optional header row
 * `question,answer` is skipped. All rows are checked; any bad row means nothing is imported,
 * and every bad row is reported by its line number in the file.
 */
export function parseKnowledgeCsv(text: string): CsvResult {
  const body = text.replace(/^\uFEFF/, "");
  if (!looksLikeText(body)) return { ok: false, code: "csv_not_text", rowErrors: [] };
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: "greedy" });
  let rows = parsed.data;
  let first = 1;
  if (rows[0] && rows[0].map((c) => c.trim().toLowerCase()).join(",") === "question,answer") {
    rows = rows.slice(1);
    first = 2;
  }
  if (!rows.length) return { ok: false, code: "csv_empty", rowErrors: [] };
  if (rows.length > KNOWLEDGE_LIMITS.importRows) return { ok: false, code: "csv_too_many_rows", rowErrors: [] };

  const entries: CsvEntry[] = [];
  const rowErrors: CsvRowError[] = [];
  rows.forEach((cells, index) => {
    const row = first + index;
    if (cells.length !== 2) return rowErrors.push({ row, field: "row", code: "csv_columns", cells: cells.length });
    const result = knowledgeEntrySchema.safeParse({ question: cells[0], answer: cells[1] });
    if (result.success) return entries.push({ row, question: result.data.question, answer: result.data.answer });
    for (const [field, code] of Object.entries(fieldErrorsOf(result.error))) rowErrors.push({ row, field: field as "question" | "answer", code });
  });
  return rowErrors.length ? { ok: false, code: "csv_invalid", rowErrors, entries } : { ok: true, entries };
}

/** A question as people compare them: case, spacing and Unicode forms do not make it new. */
const questionKey = (question: string) => question.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

/** Splits entries into new ones and those whose question is already among `existing` (or earlier in the file). */
export function splitDuplicates(entries: CsvEntry[], existing: string[]) {
  const seen = new Set(existing.map(questionKey));
  const fresh: CsvEntry[] = [];
  const duplicates: { row: number; question: string }[] = [];
  for (const entry of entries) {
    const key = questionKey(entry.question);
    if (seen.has(key)) duplicates.push({ row: entry.row, question: entry.question });
    else {
      seen.add(key);
      fresh.push(entry);
    }
  }
  return { fresh, duplicates };
}
