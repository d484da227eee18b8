import { describe, expect, it } from "vitest";
import { parseKnowledgeCsv, splitDuplicates } from "./knowledge-csv";

describe("importing Q&A from CSV", () => {
  it("reads quoted commas, quotes and line breaks, and skips a header row", () => {
    const result = parseKnowledgeCsv('\uFEFFQuestion,Answer\n"Where, exactly?","At ""The Oven"",\nMain Street"\nHours?,7 to 18\n');
    expect(result).toEqual({
      ok: true,
      entries: [
        { row: 2, question: "Where, exactly?", answer: 'At "The Oven",\nMain Street' },
        { row: 3, question: "Hours?", answer: "7 to 18" },
      ],
    });
  });

  it("names every bad row by its line in the file and imports none", () => {
    const result = parseKnowledgeCsv(`question,answer\nGood?,Yes\nonly one cell\n,empty question\nToo long?,${"a".repeat(4001)}\na,b,c\n`);
    expect(result).toEqual({
      ok: false,
      code: "csv_invalid",
      rowErrors: [
        { row: 3, field: "row", code: "csv_columns", cells: 1 },
        { row: 4, field: "question", code: "required" },
        { row: 5, field: "answer", code: "too_long" },
        { row: 6, field: "row", code: "csv_columns", cells: 3 },
      ],
      entries: [{ row: 2, question: "Good?", answer: "Yes" }],
    });
  });

  it("refuses an empty file and more than 500 rows", () => {
    expect(parseKnowledgeCsv("question,answer\n\n")).toMatchObject({ ok: false, code: "csv_empty" });
    expect(parseKnowledgeCsv("q,a\n".repeat(501))).toMatchObject({ ok: false, code: "csv_too_many_rows" });
    expect(parseKnowledgeCsv("q,a\n".repeat(500))).toMatchObject({ ok: true });
  });

  it("reads a spreadsheet's semicolon-separated file", () => {
    expect(parseKnowledgeCsv("question;answer\nIs there parking?;Yes, behind the shop.\nOpen on Sunday?;\"No; only Saturday\"\n")).toEqual({
      ok: true,
      entries: [
        { row: 2, question: "Is there parking?", answer: "Yes, behind the shop." },
        { row: 3, question: "Open on Sunday?", answer: "No; only Saturday" },
      ],
    });
  });

  it("refuses what is not text (a binary file named .csv) as a whole, listing no rows", () => {
    const png = "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR";
    expect(parseKnowledgeCsv(png)).toEqual({ ok: false, code: "csv_not_text", rowErrors: [] });
    // Bytes that are not UTF-8, as a browser's lenient decoding hands them over.
    expect(parseKnowledgeCsv("Caf\uFFFD?,Yes\n")).toMatchObject({ ok: false, code: "csv_not_text" });
    // Tabs and both kinds of line break are text.
    expect(parseKnowledgeCsv("Tabs?,\"a\tb\"\r\nMore?,Yes\r\n")).toMatchObject({ ok: true });
  });

  it("finds questions already there, ignoring case and spacing, and repeats within the file", () => {
    const entries = [
      { row: 1, question: "Is there  PARKING?", answer: "Yes" },
      { row: 2, question: "Open on Sunday?", answer: "No" },
      { row: 3, question: "open on sunday?", answer: "Still no" },
    ];
    expect(splitDuplicates(entries, ["Is there parking?"])).toEqual({
      fresh: [entries[1]],
      duplicates: [
        { row: 1, question: "Is there  PARKING?" },
        { row: 3, question: "open on sunday?" },
      ],
    });
  });
});
